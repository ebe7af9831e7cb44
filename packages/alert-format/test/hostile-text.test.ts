import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { describe, expect, test } from 'vitest';
import { escapeHtml, escapeSlackText, escapeTeamsText, escapeTerminalText, formatAlertForTerminal } from '../src/index.ts';
import { usageDeclining } from './fixtures.ts';
import { slackOf, teamsOf } from './payloads.ts';

/** Customer-supplied text as an attacker or an unlucky CRM export writes it, and what each channel must show. */
const hostile: { name: string; text: string; slack: string; teams: string; terminal: string; html: string }[] = [
  { name: 'Slack broadcast', text: '<!channel>', slack: '&lt;!channel&gt;', teams: '\\<!channel\\>', terminal: '<!channel>', html: '&lt;!channel&gt;' },
  {
    name: 'disguised link',
    text: '<https://evil.example|Pay here>',
    slack: '&lt;https://evil.example|Pay here&gt;',
    teams: '\\<https://evil.example|Pay here\\>',
    terminal: '<https://evil.example|Pay here>',
    html: '&lt;https://evil.example|Pay here&gt;',
  },
  {
    name: 'Teams markdown',
    text: '**Urgent** [Pay here](https://evil.example) _now_',
    slack: '**Urgent** [Pay here](https://evil.example) _now_',
    teams: '\\*\\*Urgent\\*\\* \\[Pay here\\](https://evil.example) \\_now\\_',
    terminal: '**Urgent** [Pay here](https://evil.example) _now_',
    html: '**Urgent** [Pay here](https://evil.example) _now_',
  },
  {
    name: 'ANSI escapes',
    text: '\x1b[31mRED\x1b[0m\x1b[2J',
    slack: '␛[31mRED␛[0m␛[2J',
    teams: '␛\\[31mRED␛\\[0m␛\\[2J',
    terminal: '␛[31mRED␛[0m␛[2J',
    html: '␛[31mRED␛[0m␛[2J',
  },
  {
    name: 'right-to-left override',
    text: 'Acme\u202Egpj.exe',
    slack: 'Acme[U+202E]gpj.exe',
    teams: 'Acme\\[U+202E\\]gpj.exe',
    terminal: 'Acme[U+202E]gpj.exe',
    html: 'Acme[U+202E]gpj.exe',
  },
  { name: 'NUL', text: 'Acme\u0000Corp', slack: 'Acme␀Corp', teams: 'Acme␀Corp', terminal: 'Acme␀Corp', html: 'Acme␀Corp' },
  {
    name: 'forged second line',
    text: 'Acme\r\nRESOLVED all clear',
    slack: 'Acme␍␊RESOLVED all clear',
    teams: 'Acme␍␊RESOLVED all clear',
    terminal: 'Acme␍␊RESOLVED all clear',
    html: 'Acme␍␊RESOLVED all clear',
  },
  {
    name: 'HTML',
    text: 'Smith & Sons <img src=x onerror="alert(1)">',
    slack: 'Smith &amp; Sons &lt;img src=x onerror="alert(1)"&gt;',
    teams: 'Smith \\& Sons \\<img src=x onerror="alert(1)"\\>',
    terminal: 'Smith & Sons <img src=x onerror="alert(1)">',
    html: 'Smith &amp; Sons &lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
  },
  {
    name: 'any script and emoji',
    text: 'Müller 顧客 شركة 👩‍💻',
    slack: 'Müller 顧客 شركة 👩‍💻',
    teams: 'Müller 顧客 شركة 👩‍💻',
    terminal: 'Müller 顧客 شركة 👩‍💻',
    html: 'Müller 顧客 شركة 👩‍💻',
  },
];

describe('escaping per channel', () => {
  for (const entry of hostile) {
    test(`${entry.name}: each function shows it as text`, () => {
      expect(escapeSlackText(entry.text)).toBe(entry.slack);
      expect(escapeTeamsText(entry.text)).toBe(entry.teams);
      expect(escapeTerminalText(entry.text)).toBe(entry.terminal);
      expect(escapeHtml(entry.text)).toBe(entry.html);
    });

    test(`${entry.name} as the customer's name and the owner's: every channel shows it as text`, () => {
      const alert: ChurnRiskAlertV1 = { ...usageDeclining, customerName: entry.text, owner: { name: entry.text } };
      const slack = slackOf(alert);
      expect(slack.blocks[0]?.text?.text.split('\n')[0]).toBe(`:warning: *OPENED usage declining — ${entry.slack} (cust-00055)*`);
      expect(slack.blocks[1]?.elements?.[0]?.text).toContain(`owner ${entry.slack} ·`);
      const teams = teamsOf(alert).attachments[0]?.content.body ?? [];
      expect(teams[0]?.text).toBe(`OPENED usage declining — ${entry.teams} (cust-00055)`);
      expect(teams[2]?.text).toContain(`owner ${entry.teams} ·`);
      const terminal = formatAlertForTerminal(alert, true);
      expect(terminal.split('\n')[0]).toBe(`\x1b[33mOPENED usage declining — ${entry.terminal} (cust-00055)\x1b[0m`);
      // The only escape sequences are the two colours the terminal form paints, each reset.
      expect(terminal.split('\x1b')).toHaveLength(5);
      expect(terminal.split('\n')).toHaveLength(3);
    });
  }

  test('an id the contract allows still cannot ping a channel or form a link', () => {
    const alert: ChurnRiskAlertV1 = { ...usageDeclining, customerId: '<!channel>', customerName: '<https://evil.example|Pay here>' };
    const slack = JSON.stringify(slackOf(alert));
    expect(slack).not.toContain('<!');
    expect(slack).not.toContain('<http');
    expect(slackOf(alert).text).toContain('&lt;https://evil.example|Pay here&gt; (&lt;!channel&gt;)');
    expect(teamsOf(alert).attachments[0]?.content.body[0]?.text).toContain('\\<https://evil.example|Pay here\\> (\\<!channel\\>)');
  });

  test('a Slack handle that is not a member id is shown as text, never as a mention', () => {
    expect(
      slackOf({ ...usageDeclining, owner: { name: 'Elin', slackHandle: '@elin' } })
        .blocks[0]?.text?.text.split('\n')[0]
        ?.endsWith('* @elin'),
    ).toBe(true);
    const alert: ChurnRiskAlertV1 = { ...usageDeclining, owner: { name: 'Dana', slackHandle: 'U1> <!channel' } };
    const section = slackOf(alert).blocks[0]?.text?.text ?? '';
    expect(section).not.toContain('<!channel');
    expect(section).not.toContain('<@');
    expect(section.split('\n')[0]?.endsWith('* @U1&gt; &lt;!channel')).toBe(true);
  });

  test('the fallback summary from the detection is escaped too', () => {
    const alert: ChurnRiskAlertV1 = {
      ...usageDeclining,
      summary: 'custom rule fired for <!here>',
      evidence: [{ detector: 'custom', ruleVersion: '1', observed: {}, thresholds: {} }],
    };
    expect(slackOf(alert).blocks[0]?.text?.text.split('\n')[1]).toBe('custom rule fired for &lt;!here&gt;');
  });
});
