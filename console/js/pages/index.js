// Which pages exist and which roles see them. A new page is a module with `render(root, context)`
// added here and to the navigation of the roles it serves.
import * as clock from './clock.js';
import * as dispatch from './dispatch.js';
import * as field from './field.js';
import * as inbox from './inbox.js';
import * as intervention from './intervention.js';
import * as interventions from './interventions.js';
import * as invitation from './invitation.js';
import * as kpis from './kpis.js';
import * as login from './login.js';
import * as map from './map.js';
import * as planning from './planning.js';
import * as sites from './sites.js';
import * as team from './team.js';
import * as tenants from './tenants.js';
import * as today from './today.js';

/** name → page. */
export const PAGES = {
  login, invitation, sites, interventions, intervention, planning, dispatch, kpis, map, inbox, today, team, tenants, field, clock,
};

const OFFICE = ['sites', 'interventions', 'planning', 'dispatch'];
const NAVIGATION = {
  platform_admin: ['tenants'],
  tenant_admin: [...OFFICE, 'kpis', 'map'],
  manager: [...OFFICE, 'kpis', 'map'],
  project_manager: [...OFFICE, 'kpis'],
  site_lead: ['today', 'team', 'interventions', 'map'],
  technician: ['field', 'clock'],
};

const TENANT_ROLES = ['tenant_admin', 'manager', 'project_manager', 'site_lead', 'technician'];
/** Pages a role may open without a menu entry (details reached from a list, the header's inbox). */
const DETAILS = { intervention: TENANT_ROLES, inbox: TENANT_ROLES };

/** The menu of `role`. */
export const menuOf = (role) => NAVIGATION[role] ?? [];

/** Whether `role` may open page `name` (from the menu or from a list). */
export const mayOpen = (role, name) => menuOf(role).includes(name) || (DETAILS[name] ?? []).includes(role);

export const homeOf = (role) => menuOf(role)[0] ?? 'login';
