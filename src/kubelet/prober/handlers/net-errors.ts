/**
 * @module kubelet/prober/handlers/net-errors
 * Node socket errors worded the way Go's net package words them, since upstream's probe
 * messages (and so `kubectl describe` output) carry Go's text.
 */

/** `host:port`, with brackets around IPv6 literals (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const GO_ERRNO: Record<string, string> = {
  ECONNREFUSED: 'connect: connection refused',
  ECONNRESET: 'read: connection reset by peer',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
  ETIMEDOUT: 'i/o timeout',
  EADDRNOTAVAIL: 'connect: cannot assign requested address',
};

/** `dial tcp 127.0.0.1:81: connect: connection refused` and the like. */
export function dialErrorText(addr: string, err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    const host = addr.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return `dial tcp: lookup ${host}: no such host`;
  }
  const text = (err.code && GO_ERRNO[err.code]) ?? err.message;
  return `dial tcp ${addr}: ${text}`;
}
