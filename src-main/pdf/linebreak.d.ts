/** The Unicode line breaking algorithm (UAX #14) pdfmake itself breaks text with: the part text-measure.ts uses. */
declare module 'linebreak' {
  interface Break {
    /** Offset (UTF-16) where the next line may start. */
    position: number;
    /** A mandatory break (after a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
