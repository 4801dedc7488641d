import type { Api } from '../api.js';
import { resource } from '../resource.js';
import { leadObject } from '../../domain/lead/lead.object.js';
import { LeadCreate, LeadUpdate } from '../schemas/lead.js';

export function leadRoutes(api: Api): void {
  resource(api, { path: '/leads', tag: 'leads', def: leadObject, create: LeadCreate, update: LeadUpdate });
}
