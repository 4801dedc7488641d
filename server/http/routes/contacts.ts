import type { Api } from '../api.js';
import { resource } from '../resource.js';
import { contactObject } from '../../domain/customer/contact.object.js';
import { ContactCreate, ContactUpdate } from '../schemas/contact.js';

export function contactRoutes(api: Api): void {
  resource(api, { path: '/contacts', tag: 'contacts', def: contactObject, create: ContactCreate, update: ContactUpdate });
}
