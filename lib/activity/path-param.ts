/** A dynamic route segment as text: decoded once, and kept as given if it is not valid percent-encoding. */
export function segment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function userHref(name: string, query = ""): string {
  return `/users/${encodeURIComponent(name)}${query ? `?${query}` : ""}`;
}

export function accessKeyHref(id: string, query = ""): string {
  return `/access-keys/${encodeURIComponent(id)}${query ? `?${query}` : ""}`;
}

export function resourceHref(type: string | undefined, name: string, query = ""): string {
  const q = new URLSearchParams(query);
  if (type) q.set("type", type);
  q.set("name", name);
  return `/resources?${q.toString()}`;
}
