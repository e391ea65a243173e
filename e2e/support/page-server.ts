import http from 'node:http';

/**
 * A real web page on loopback standing in for a client's site: the test sets its HTML (e.g. with
 * the install code copied from the panel). Real, because Chromium's Local Network Access rules
 * treat a loopback page calling the loopback core differently from an intercepted one.
 */
export async function startPageServer(): Promise<{ url: string; setBody(html: string): void; close(): Promise<void> }> {
  let body = '<!doctype html><html><body></body></html>';
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    setBody: (html) => void (body = html),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
