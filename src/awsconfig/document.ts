// The lossless model of one AWS shared config or credentials file. Every line keeps its exact text
// and end-of-line bytes, so an edit can rewrite a few lines and leave every other byte alone.

export type FileKind = 'config' | 'credentials';
export type Eol = '\r\n' | '\n' | '\r' | '';

/** What configparser made of a line. */
export type LineRole = 'blank' | 'comment' | 'section' | 'option' | 'continuation' | 'invalid';

export interface Line {
  /** 1-based line number, as botocore's errors count them. */
  number: number;
  /** Offset of the line's first character in the document text. */
  start: number;
  /** The line without its end-of-line characters. */
  text: string;
  eol: Eol;
  role: LineRole;
}

export interface NestedEntry {
  /** Sub-key as botocore keeps it: stripped, case preserved. */
  name: string;
  value: string;
  line: number;
}

export interface Entry {
  /** Option name as written, with surrounding whitespace removed. */
  name: string;
  /** The name botocore uses: lower-cased. */
  key: string;
  /** configparser's value: continuation lines joined with `\n`, trailing whitespace removed. */
  value: string;
  /** Set when the value is a nested block (`s3 =` followed by indented `k = v` lines). */
  nested?: NestedEntry[];
  /** The option line. */
  line: number;
  /** The last line of this option's value (its last continuation line, or `line`). */
  lastLine: number;
  /** Leading whitespace of the option line. */
  indent: string;
}

export interface Section {
  /** The text between the brackets, as configparser captures it. */
  header: string;
  line: number;
  /** Last line before the next section header. */
  lastLine: number;
  entries: Entry[];
}

export type DiagnosticCode =
  | 'parse-bom'
  | 'parse-missing-section'
  | 'parse-duplicate-section'
  | 'parse-duplicate-option'
  | 'parse-invalid-line'
  | 'parse-invalid-nested';

/** A reason botocore refuses the whole file. Messages carry names and line numbers, never values. */
export interface Diagnostic {
  code: DiagnosticCode;
  line: number;
  message: string;
}

export interface Document {
  kind: FileKind;
  text: string;
  lines: Line[];
  sections: Section[];
  /** Non-empty when botocore would refuse the file. */
  diagnostics: Diagnostic[];
  /** The end-of-line style most lines use, for lines an edit adds. */
  eol: Exclude<Eol, ''>;
}

/** configparser's name for the section whose keys apply to every other section. */
export const DEFAULTS_SECTION = 'DEFAULT';
