// Debian's Chromium and the flags every browser test here launches it with: headless as root, and
// nothing that reaches for the network on its own (this machine's network is closed).
export const chromiumPath = process.env.CHROME_BIN ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
