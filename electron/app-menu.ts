import type { MenuItemConstructorOptions } from 'electron';

/** The application menu: standard roles only, so every item behaves as the platform's users expect. */
export function menuTemplate(platform: NodeJS.Platform, version: string, showAbout: () => void): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [platform === 'darwin' ? { role: 'close' as const } : { role: 'quit' as const }] },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `About SeqAtlas ${version}`, click: showAbout }] },
  ];
}
