import { bilingual } from '@manyi/domain/messages';

/**
 * The new account's password, never from the command line (argv shows in `ps` and shell
 * history): typed twice at a prompt without echo when stdin is a terminal, else the first line
 * of stdin (`printf '%s\n' "$PW" | manyi user add …`).
 */
export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLine(await readAll(process.stdin));
  const password = await promptHidden(bilingual('密码', 'password') + ': ');
  const again = await promptHidden(bilingual('再次输入密码', 'password again') + ': ');
  if (password !== again)
    throw new Error(bilingual('两次输入的密码不一致', 'the two passwords differ'));
  return password;
}

/** All of a stream, as text. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

/** The first line, without its line break. */
function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

/** Reads a line from the terminal without showing it (raw mode; Backspace edits, Ctrl+C cancels). */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return (finish(), resolve(value));
        if (ch === '\u0003' || ch === '\u0004')
          return (finish(), reject(new Error(bilingual('已取消', 'cancelled'))));
        value = ch === '\u007f' || ch === '\b' ? [...value].slice(0, -1).join('') : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}
