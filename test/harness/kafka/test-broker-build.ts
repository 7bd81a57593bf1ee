import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MOCK_EDITS, applyMockEdits } from './librdkafka-mock-patches';

/**
 * Builds the Kafka-protocol test broker once per machine and caches it outside the checkout.
 *
 * No Apache Kafka can be installed here (not in Debian, not on npm), but librdkafka's mock
 * cluster — a real TCP server speaking the Kafka protocol — ships as source inside this npm
 * package. The version is pinned; the cache key covers the version, the source edits and the C
 * wrapper, so changing any of them builds a new broker next to the old one.
 */
export const BROKER_SOURCE_PACKAGE = '@confluentinc/kafka-javascript@1.10.1'; // librdkafka 2.15.1
const WRAPPER_SOURCE = path.join(findHarnessSourceDir(), 'kafka-test-broker.c');
const BUILD_TOOLS = ['gcc', 'make', 'python3', 'tar', 'npm'];

function findHarnessSourceDir(): string {
  // From source (test/harness/kafka) and from dist (dist/test/harness/kafka): the C file stays in the source tree.
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') dir = path.dirname(dir);
  return path.join(dir, 'test', 'harness', 'kafka');
}

export function brokerCacheDir(): string {
  const hash = createHash('sha256')
    .update(BROKER_SOURCE_PACKAGE)
    .update(JSON.stringify(MOCK_EDITS))
    .update(fs.readFileSync(WRAPPER_SOURCE))
    .digest('hex')
    .slice(0, 16);
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'sluice', 'kafka-test-broker', hash);
}

/** The path of the broker binary, building it first if this machine has none (about a minute on 2 cores). */
export async function ensureTestBroker(): Promise<string> {
  const dir = brokerCacheDir();
  const binary = path.join(dir, 'kafka-test-broker');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  // Test files may start at the same time (vitest forks): one builds, the others wait on the lock.
  const lock = path.join(dir, 'build.lock');
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (fs.existsSync(binary)) return binary;
      const stale = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 10 * 60_000;
      if (stale) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500)); // another process is building: poll for its result
    }
  }
  try {
    if (!fs.existsSync(binary)) buildInto(dir, binary);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return binary;
}

function buildInto(dir: string, binary: string): void {
  const missing = BUILD_TOOLS.filter((tool) => !onPath(tool));
  if (!fs.existsSync('/usr/include/zlib.h')) missing.push('zlib1g-dev');
  if (missing.length > 0) throw new Error(`building the Kafka test broker needs ${missing.join(', ')}: apt-get install -y gcc make python3 zlib1g-dev (.ci/run does it)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-kafka-broker-build-'));
  const run = (cmd: string, args: string[], cwd = work) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  try {
    const tarball = run('npm', ['pack', '--silent', BROKER_SOURCE_PACKAGE]).toString().trim().split('\n').pop()!;
    run('tar', ['xzf', tarball, 'package/deps/librdkafka']);
    const librdkafka = path.join(work, 'package', 'deps', 'librdkafka');
    applyMockEdits(path.join(librdkafka, 'src'));
    run('./configure', ['--disable-ssl', '--disable-gssapi', '--disable-sasl', '--disable-curl', '--disable-zstd', '--disable-lz4-ext'], librdkafka);
    run('make', [`-j${os.cpus().length}`, '-C', 'src', 'librdkafka.a'], librdkafka);
    const include = path.join(work, 'include', 'librdkafka');
    fs.mkdirSync(include, { recursive: true });
    for (const header of ['rdkafka.h', 'rdkafka_mock.h']) fs.copyFileSync(path.join(librdkafka, 'src', header), path.join(include, header));
    const tmp = `${binary}.${process.pid}.tmp`;
    run('gcc', ['-O2', '-I', path.join(work, 'include'), '-o', tmp, WRAPPER_SOURCE, path.join(librdkafka, 'src', 'librdkafka.a'), '-lz', '-lpthread', '-lm']);
    fs.renameSync(tmp, binary); // atomic: a waiting process never sees half a binary
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`building the Kafka test broker failed: ${e.message}\n${e.stderr?.toString().slice(-4000) ?? ''}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, tool)));
}
