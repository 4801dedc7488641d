// Reads of APIs a server may not have yet (404): the page says "not available yet" instead of failing.
import { api, ApiError } from '../api/client';

export type Optional<T> = T | 'unavailable';

export async function getOptional<T>(path: string): Promise<Optional<T>> {
  try {
    return await api<T>('GET', path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return 'unavailable';
    throw e;
  }
}
