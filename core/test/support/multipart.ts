/**
 * POSTs one file in the multipart field `file` without a Content-Length (chunked), as a client
 * streaming a file of unknown size does: a server's size limit must cut it off as it arrives.
 */
export function postChunkedFile(url: string, headers: Record<string, string>, name: string, bytes: Uint8Array): Promise<Response> {
  const boundary = `----callpy${Date.now()}`;
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  } as RequestInit);
}
