import type { Boundedness, Source, SourceReader, SplitEnumerator, SplitEnumeratorContext } from '../connector/source';
import { StaticSplitEnumerator, type StaticEnumeratorState } from './static-split-enumerator';
import { TextFileSourceReader, type FileSplit } from './text-file-source-reader';

/** readTextFile(path): the file is one split, read from its checkpointed byte offset. */
export class TextFileSource implements Source<string, FileSplit, StaticEnumeratorState<FileSplit>> {
  constructor(readonly path: string) {}

  getBoundedness(): Boundedness {
    return 'bounded';
  }

  createEnumerator(context: SplitEnumeratorContext<FileSplit>): SplitEnumerator<FileSplit, StaticEnumeratorState<FileSplit>> {
    return new StaticSplitEnumerator(context, [{ splitId: '0', path: this.path, offset: 0 }], true);
  }

  restoreEnumerator(context: SplitEnumeratorContext<FileSplit>, state: StaticEnumeratorState<FileSplit>): SplitEnumerator<FileSplit, StaticEnumeratorState<FileSplit>> {
    return new StaticSplitEnumerator(context, state.unassigned, true);
  }

  createReader(): SourceReader<string, FileSplit> {
    return new TextFileSourceReader();
  }
}
