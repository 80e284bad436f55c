// Preloaded (node --import) into processes of a FakeWebContainer, to make real Node behave the way
// an emulated Node might: KAL_FAKE_LACKS lists features to take away (src/schemas/node-features.ts),
// and KAL_FAKE_PORT_FD, when set, is where to report listening ports, as WebContainer's 'port'
// event does.
import diagnosticsChannel from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';
import net from 'node:net';

const lacks = new Set((process.env.KAL_FAKE_LACKS ?? '').split(',').filter(Boolean));
const portFd = Number(process.env.KAL_FAKE_PORT_FD);
delete process.env.KAL_FAKE_LACKS;
delete process.env.KAL_FAKE_PORT_FD;

// Subscribers to a channel the runtime lacks are never called, as if it never published on it.
const silentChannels = ['net.client.socket', 'http.client.response.finish'].filter((name) => lacks.has(name));
if (silentChannels.length > 0) {
  const subscribe = diagnosticsChannel.subscribe;
  diagnosticsChannel.subscribe = (name, listener) => (silentChannels.includes(name) ? undefined : subscribe(name, listener));
}
if (lacks.has('TCPSocketWrap')) {
  const info = process.getActiveResourcesInfo;
  process.getActiveResourcesInfo = () => info().map((name) => (name === 'TCPSocketWrap' ? 'Socket' : name));
}
if (lacks.has('stale-connection-reset')) {
  // A network that never lets a request meet a closed connection: agents keep no idle socket.
  const http = (await import('node:http')).default;
  http.Agent.prototype.keepSocketAlive = () => false;
}
if (Number.isInteger(portFd)) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    this.once('listening', () => {
      const address = this.address();
      if (address && typeof address === 'object') writeSync(portFd, `${address.port}\n`);
    });
    return Reflect.apply(listen, this, args);
  };
}
