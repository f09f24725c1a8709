// Reading the assistant's text/event-stream in the browser: events as they arrive, however the
// network splits the bytes.

export interface StreamEvent {
  event: string;
  data: unknown;
}

/** Calls `onEvent` for every complete `event:`/`data:` block of the response body. */
export async function readEventStream(response: Response, onEvent: (e: StreamEvent) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) {
        try {
          onEvent({ event, data: JSON.parse(data.join("\n")) });
        } catch {
          onEvent({ event, data: data.join("\n") });
        }
      }
      end = buffer.indexOf("\n\n");
    }
    if (done) return;
  }
}
