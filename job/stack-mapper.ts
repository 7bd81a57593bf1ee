import { SourceMap } from 'node:module';

/**
 * Maps stack frames of a bundled job file back to the user's own files and lines, from the
 * inline source map esbuild writes into the bundle (job-bundler.ts). vm-evaluated code gets
 * no source-map support from Node, so without this a stack says `job.js:26` for what the user
 * wrote on line 6 of `job.js`. Frames of other files pass unchanged.
 */
export class StackMapper {
  private constructor(
    private readonly fileName: string,
    private readonly map: SourceMap,
  ) {}

  /** Undefined when the bundle carries no (readable) inline source map. */
  static fromBundle(source: string, fileName: string): StackMapper | undefined {
    const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(source);
    if (!m) return undefined;
    try {
      return new StackMapper(fileName, new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'))));
    } catch {
      return undefined;
    }
  }

  /** The stack with every frame in the bundle rewritten to the original file:line:column. */
  mapStack(stack: string): string {
    return stack
      .split('\n')
      .map((line) => line.replace(/([^\s()]+):(\d+):(\d+)/, (whole, file: string, l: string, c: string) => (file === this.fileName ? this.position(Number(l), Number(c)) ?? whole : whole)))
      .join('\n');
  }

  private position(line: number, column: number): string | undefined {
    // The bundle runs inside the CommonJS wrapper of job-loader.ts, which adds no lines: the
    // wrapper's first line holds the bundle's first line after the function header.
    const entry = this.map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
    const source = entry.originalSource.replace(/^file:\/\//, '');
    return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  }
}
