// Decoding: encodings are found from BOMs, byte patterns and HTML declarations; binary
// and empty inputs are refused with a reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeBytes } from '../src/ingest/decode.js';

const dir = join(import.meta.dirname, 'fixtures', 'decode');
const decode = (name: string, hint?: 'html' | 'text') => decodeBytes(readFileSync(join(dir, name)), hint);
const sentence = 'Café owners in São Paulo said the new rules — announced on Monday — would cost them “thousands”.';

describe('decodeBytes', () => {
  const textCases: [string, string][] = [
    ['utf8-bom.txt', 'utf-8'],
    ['utf16le-bom.txt', 'utf-16le'],
    ['utf16be-bom.txt', 'utf-16be'],
    ['utf16le-nobom.txt', 'utf-16le'],
  ];
  for (const [file, encoding] of textCases) {
    it(`reads ${file} as ${encoding} without a BOM character`, () => {
      const result = decode(file);
      assert.deepEqual(result, { ok: true, text: sentence, encoding, kind: 'text', warnings: [] });
    });
  }

  it('falls back to windows-1252 for text that is not UTF-8', () => {
    const result = decode('windows-1252.txt');
    assert.deepEqual(result, { ok: true, text: 'Café owners said the rules would cost them “thousands”.', encoding: 'windows-1252', kind: 'text', warnings: [] });
  });

  it('uses the charset an HTML page declares: windows-1251', () => {
    const result = decode('windows-1251.html', 'html');
    assert.ok(result.ok);
    assert.equal(result.encoding, 'windows-1251');
    assert.match(result.text, /Секретарь Совета безопасности провёл переговоры в Пекине\./);
  });

  it('uses the charset an HTML page declares: gb2312 (decoded as GBK)', () => {
    const result = decode('gb2312.html', 'html');
    assert.ok(result.ok);
    assert.equal(result.encoding, 'gbk');
    assert.match(result.text, /中国外交部长在北京会见了俄罗斯安全会议秘书。/);
  });

  it('uses the charset an HTML page declares: ISO-8859-1 (as windows-1252, per the Encoding Standard)', () => {
    const result = decode('iso-8859-1.html');
    assert.ok(result.ok);
    assert.equal(result.kind, 'html');
    assert.match(result.text, /Le président a déclaré à la presse française/);
  });

  const refusals: [string, string][] = [
    ['archive-renamed.txt', 'not text: ZIP archive'],
    ['image.txt', 'not text: PNG image'],
    ['random-bytes.bin', 'not text: binary data (control characters)'],
    ['empty.txt', 'empty file'],
    ['whitespace.txt', 'empty file (only whitespace)'],
  ];
  for (const [file, reason] of refusals) {
    it(`refuses ${file}: ${reason}`, () => {
      assert.deepEqual(decode(file), { ok: false, reason });
    });
  }
});
