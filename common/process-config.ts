import { errorMessage } from './errors';
import { openLogFile } from './log-file';

/** What a server's config loader returns: its config, or a text (`--help`, `--version`) to print. */
export type ServerConfigLoad<C> = { readonly kind: 'config'; readonly config: C } | { readonly kind: 'help' | 'version'; readonly text: string };

/**
 * The start of a server process's main: loads its configuration and opens its log file.
 * Bad configuration (or a log file that cannot be opened) is exit code 2 with the program's
 * name and the reason on stderr; `--help` and `--version` print their text and give
 * `undefined`, after which main returns and the process ends with 0.
 */
export function loadServerConfig<C extends { readonly logFile?: string }>(program: string, load: () => ServerConfigLoad<C>): C | undefined {
  let loaded: ServerConfigLoad<C>;
  try {
    loaded = load();
    if (loaded.kind === 'config' && loaded.config.logFile) openLogFile(loaded.config.logFile);
  } catch (err) {
    process.stderr.write(`${program}: ${errorMessage(err)}\n`);
    process.exit(2);
  }
  if (loaded.kind !== 'config') {
    process.stdout.write(loaded.text + '\n');
    return undefined;
  }
  return loaded.config;
}
