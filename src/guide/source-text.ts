/** A place in a file: path relative to the project, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** Turns character offsets in a file into 1-based line and column numbers. */
export class LineIndex {
  readonly file: string;
  readonly text: string;
  private readonly starts: number[];

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    this.starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  at(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { file: this.file, line: low + 1, column: clamped - this.starts[low]! + 1 };
  }

  /** The first position of the file, for problems about the file as a whole. */
  start(): SourcePosition {
    return { file: this.file, line: 1, column: 1 };
  }
}
