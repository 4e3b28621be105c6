/** Where a fact came from: a bundle file and line. Its own module: every model module imports it. */
export interface Evidence {
  file: string;
  line?: number;
}
