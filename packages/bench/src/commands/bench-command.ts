/** A benchmark command: the CLI dispatches to it by name; it returns the process exit code. */
export interface BenchCommand {
  readonly summary: string;
  run(args: string[]): Promise<number | undefined>;
}
