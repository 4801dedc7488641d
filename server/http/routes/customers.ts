import type { Api } from '../api.js';
import { resource } from '../resource.js';
import { customerObject } from '../../domain/customer/customer.object.js';
import { CustomerCreate, CustomerUpdate } from '../schemas/customer.js';

export function customerRoutes(api: Api): void {
  resource(api, { path: '/customers', tag: 'customers', def: customerObject, create: CustomerCreate, update: CustomerUpdate });
}
