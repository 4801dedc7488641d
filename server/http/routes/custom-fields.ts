// /custom-fields: anyone reads the definitions (forms are built from them); admins define, change and retire them.
import type { Api } from '../api.js';
import { idParam } from '../api.js';
import { CustomFieldCreate, CustomFieldUpdate } from '../schemas/custom-field.js';
import { listCustomFields } from '../../domain/custom-field/list-custom-fields.js';
import { defineCustomField } from '../../domain/custom-field/define-custom-field.js';
import { updateCustomField } from '../../domain/custom-field/update-custom-field.js';
import { deactivateCustomField } from '../../domain/custom-field/deactivate-custom-field.js';

export function customFieldRoutes(api: Api): void {
  api.schema('custom_field.create', CustomFieldCreate);
  api.schema('custom_field.update', CustomFieldUpdate);
  api.route('get', '/custom-fields', {
    summary: 'List custom field definitions (anyone; admins may add includeInactive=true)', tag: 'custom-fields',
    query: { object: 'customer, contact, lead, opportunity, activity or contract', includeInactive: 'true to include deactivated fields (admins)' },
  }, (ctx) => ctx.state.run((c) => listCustomFields(c, {
    object: typeof ctx.query.object === 'string' ? ctx.query.object : undefined,
    includeInactive: ctx.query.includeInactive === 'true',
  })));
  api.route('post', '/custom-fields', { summary: 'Define a custom field (admin)', tag: 'custom-fields', body: CustomFieldCreate, status: 201 },
    (ctx, body) => ctx.state.run((c) => defineCustomField(c, body)));
  api.route('patch', '/custom-fields/:id', { summary: 'Update a custom field (admin); the type is locked once values exist', tag: 'custom-fields', body: CustomFieldUpdate },
    (ctx, body) => ctx.state.run((c) => updateCustomField(c, idParam(ctx), body)));
  api.route('delete', '/custom-fields/:id', { summary: 'Deactivate a custom field (admin); stored values are kept', tag: 'custom-fields' },
    (ctx) => ctx.state.run((c) => deactivateCustomField(c, idParam(ctx))));
}
