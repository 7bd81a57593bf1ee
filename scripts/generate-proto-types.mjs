// Generates the TypeScript types of proto/sluice.proto into proto/generated/ (`npm run proto`)
// with @grpc/proto-loader's generator. The options mirror proto/load-proto.ts, so the types
// describe exactly what the runtime loader yields: camelCase fields, int64 as numbers, enums
// as their value names, defaults filled in. Output types (the complete shape a receiver sees)
// keep the message's name; the permissive input types are `<Name>Input`.
// `node scripts/generate-proto-types.mjs DIR` writes elsewhere (the freshness test does).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'proto', 'generated'));
const require = createRequire(import.meta.url);
const generator = join(dirname(require.resolve('@grpc/proto-loader/package.json')), 'build', 'bin', 'proto-loader-gen-types.js');

rmSync(outDir, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    generator,
    '--longs=Number',
    '--enums=String',
    '--defaults',
    '--arrays',
    '--includeComments',
    '--grpcLib=@grpc/grpc-js',
    '--outputTemplate=%s',
    '--inputTemplate=%sInput',
    '-O',
    outDir,
    'proto/sluice.proto',
  ],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
