/** One Dockerfile instruction: the keyword, its flags (`--from=…`) and the rest of the line. */
export interface Instruction {
  readonly keyword: string;
  readonly flags: Readonly<Record<string, string>>;
  readonly args: string;
  /** For the exec (JSON array) form: the array; undefined for the shell form. */
  readonly exec?: readonly string[];
}

export interface Stage {
  readonly base: string;
  readonly name?: string;
  readonly instructions: readonly Instruction[];
}

function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function instruction(line: string): Instruction {
  const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/s.exec(line) ?? [];
  const flags: Record<string, string> = {};
  let args = rest;
  for (;;) {
    const flag = /^--([a-z-]+)=(\S+)\s+(.*)$/s.exec(args);
    if (!flag) break;
    flags[flag[1]!] = flag[2]!;
    args = flag[3]!;
  }
  const exec = execForm(args);
  return { keyword: keyword.toUpperCase(), flags, args, ...(exec ? { exec } : {}) };
}

/** The stages of a Dockerfile with their instructions: comments dropped, continuation lines joined. */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { base: string; name?: string; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const parsed = instruction(line);
    if (parsed.keyword === 'FROM') {
      const [base = '', as, name] = parsed.args.split(/\s+/);
      stages.push({ base, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`"${line}" comes before the first FROM`);
      stage.instructions.push(parsed);
    }
  }
  return stages;
}
