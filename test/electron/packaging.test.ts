import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ROOT, outsideAsar } from '../../main/shared/app-paths.ts';

interface LockPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

describe('packaging for Windows and Linux', () => {
  it('locks the Windows x64 build of the installed LanceDB, so a Windows install finds its native module', async () => {
    const lock = JSON.parse(await readFile(join(APP_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
    const lancedb = lock.packages['node_modules/@lancedb/lancedb']!;
    expect(lancedb.version).toBe('0.31.0');
    expect(lancedb.optionalDependencies?.['@lancedb/lancedb-win32-x64-msvc']).toBe('0.31.0');
    expect(lock.packages['node_modules/@lancedb/lancedb-win32-x64-msvc']?.version).toBe('0.31.0');
  });

  it('unpacks every native module from the asar and builds NSIS, portable and AppImage', async () => {
    const config = parse(await readFile(join(APP_ROOT, 'electron-builder.yml'), 'utf8')) as {
      asarUnpack: string[]; win: { target: { target: string }[] }; linux: { target: { target: string }[] }; extraMetadata: { main: string }; files: string[];
    };
    for (const native of ['onnxruntime-node', '@lancedb', 'better-sqlite3']) expect(config.asarUnpack.some((glob) => glob.includes(`node_modules/${native}/`))).toBe(true);
    expect(config.win.target.map((t) => t.target).sort()).toEqual(['nsis', 'portable']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage']);
    expect(config.extraMetadata.main).toBe('dist/electron/main.js');
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
  });

  it('reads bundled models from app.asar.unpacked in a packaged app, where onnxruntime can open them', async () => {
    const config = parse(await readFile(join(APP_ROOT, 'electron-builder.yml'), 'utf8')) as { asarUnpack: string[] };
    expect(config.asarUnpack).toContain('resources/models/**');
    expect(outsideAsar('C:\\Program Files\\SeqAtlas\\resources\\app.asar\\resources\\models')).toBe('C:\\Program Files\\SeqAtlas\\resources\\app.asar.unpacked\\resources\\models');
    expect(outsideAsar('/opt/SeqAtlas/resources/app.asar/resources/models')).toBe('/opt/SeqAtlas/resources/app.asar.unpacked/resources/models');
    expect(outsideAsar('/home/me/app.asar.d/resources/models')).toBe('/home/me/app.asar.d/resources/models');
  });
});
