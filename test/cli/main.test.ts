import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../lib/cli/main.js';
import { captureIo } from './cliIo.js';

const names = Object.keys(COMMANDS);

describe('Function: main (the contract every command keeps)', () => {
  it('knows the five commands an operator uses', () => {
    expect(names).toEqual(['validate', 'replay', 'redrive', 'status', 'start']);
  });

  it.each(names)(
    '%s --help: exit 0, a usage line with every option, each option described, the exit codes',
    async (name) => {
      // Prepare
      const spec = await COMMANDS[name]?.load();
      const io = captureIo();

      // Act
      const code = await main([name, '--help'], io);

      // Assess
      expect(code).toBe(0);
      const text = io.stdout.join('\n');
      const usage = text.split('\n')[0] ?? '';
      expect(usage).toMatch(new RegExp(`^usage: kafka-inbound ${name} `));
      for (const option of spec?.options ?? []) {
        expect(usage).toContain(`--${option.name}`);
        expect(text).toContain(option.description);
      }
      expect(usage).toContain('--help');
      expect(usage).toContain('--json');
      expect(text).toContain('Exit codes:\n  0    everything was done');
      expect(io.stderr).toEqual([]);
    }
  );

  it.each(names)(
    '%s with an unknown option and --json: exit 2 and one JSON failure on stdout',
    async (name) => {
      // Prepare
      const io = captureIo();

      // Act
      const code = await main([name, '--bogus', '--json'], io);

      // Assess
      expect(code).toBe(2);
      expect(io.stdout).toHaveLength(1);
      expect(JSON.parse(io.stdout[0] ?? '')).toEqual({
        ok: false,
        command: name,
        exitCode: 2,
        error: expect.objectContaining({
          kind: 'usage',
          message: expect.stringContaining('--bogus'),
        }),
      });
      expect(io.stderr).toEqual([]);
    }
  );

  it.each(names)(
    '%s with an unknown option: exit 2, the message, the usage line and where to read more on stderr',
    async (name) => {
      // Prepare
      const io = captureIo();

      // Act
      const code = await main([name, '--bogus'], io);

      // Assess
      expect(code).toBe(2);
      expect(io.stdout).toEqual([]);
      const text = io.stderr.join('\n');
      expect(text).toMatch(new RegExp(`^kafka-inbound ${name}: .*--bogus`));
      expect(text).toContain(`usage: kafka-inbound ${name} `);
      expect(text).toContain(`kafka-inbound ${name} --help`);
    }
  );

  it('answers an unknown command with exit 2 and the commands there are, as JSON when asked', async () => {
    // Prepare
    const text = captureIo();
    const json = captureIo();

    // Act
    const codes = [
      await main(['replya'], text),
      await main(['replya', '--json'], json),
    ];

    // Assess
    expect(codes).toEqual([2, 2]);
    expect(text.stderr.join('\n')).toContain("unknown command 'replya'");
    expect(JSON.parse(json.stdout[0] ?? '')).toEqual({
      ok: false,
      exitCode: 2,
      error: {
        kind: 'usage',
        message: "unknown command 'replya'",
        hint: `one of ${names.join(', ')}; kafka-inbound --help lists them`,
      },
    });
  });

  it('lists the commands with kafka-inbound --help and exits 0; without a command, exits 2', async () => {
    // Prepare
    const help = captureIo();
    const none = captureIo();

    // Act
    const codes = [await main(['--help'], help), await main([], none)];

    // Assess
    expect(codes).toEqual([0, 2]);
    for (const name of names) expect(help.stdout.join('\n')).toContain(name);
    expect(none.stderr.join('\n')).toContain('usage: kafka-inbound <command>');
  });
});
