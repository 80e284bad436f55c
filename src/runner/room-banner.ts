// What `npm start` prints in room mode, for the instructor at the front of the room: the one
// address to write up and the room code beside it, the other addresses, the QR code, and, since
// this terminal is where the instructor looks when learners cannot connect, the firewall settings
// that most often stop them.

export interface RoomBannerFacts {
  /** The addresses learners open, the one to write up first (network-addresses.ts). */
  joinUrls: string[];
  code: string;
  /** This machine's own way in, with the token (for the instructor). */
  localUrl: string;
  port: number;
  qr?: string | undefined;
  roomUrl?: string | undefined;
}

export function roomBanner({ joinUrls, code, localUrl, port, qr, roomUrl }: RoomBannerFacts): string {
  const [first, ...others] = joinUrls;
  const lines = ['Keep-Alive Lab is running in room mode (Ctrl+C stops it and every run).', ''];
  if (first) {
    lines.push('Write this on the board for learners:', `  Address:    ${first}`, `  Room code:  ${code}`, '');
    lines.push('Learners open the address and type the code (small letters and spaces are fine).');
    if (others.length > 0) lines.push('If that address does not reach this laptop, try another of its addresses:', ...others.map((url) => `  Network: ${url}`));
  } else {
    lines.push('  Network: none found. Is this machine on the room\'s network?', `  Room code: ${code}`);
  }
  lines.push(`  On this laptop: ${localUrl}`);
  if (qr && first) lines.push('', `Learners with a phone can scan this (it carries the code):\n${qr}`);
  else lines.push('');
  lines.push(
    'Learners cannot connect? Most often a firewall refuses them:',
    '  macOS:   allow incoming connections for "node" when macOS asks (System Settings > Network > Firewall > Options).',
    '  Windows: mark the Wi-Fi network "Private" (Settings > Network & internet > Wi-Fi > the network), and allow Node.js',
    '           on private networks when Windows Defender Firewall asks.',
    `  Linux:   with ufw, run: sudo ufw allow ${port}/tcp   (and sudo ufw delete allow ${port}/tcp after the workshop)`,
    '  Also check that learners are on the same Wi-Fi as this laptop: guest networks often keep devices apart.',
    '',
  );
  if (roomUrl) lines.push(`Room board, for you only (a second token; do not share it):\n  ${roomUrl}\n`);
  return lines.join('\n');
}
