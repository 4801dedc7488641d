// A small company for tests: a sales department with two teams, their managers and reps, an admin and finance.
import type { Db } from '../../server/domain/shared/db.js';
import { Team } from '../../server/domain/user/team.entity.js';
import { User, type Role } from '../../server/domain/user/user.entity.js';

export interface Org {
  teams: { sales: number; east: number; west: number };
  users: Record<'admin' | 'director' | 'mgrEast' | 'mgrWest' | 'repA' | 'repB' | 'repC' | 'finance' | 'legal' | 'gm', User>;
}

export async function seedOrg(db: Db): Promise<Org> {
  const now = db.clock.now();
  const teams = db.ds.getRepository(Team);
  const sales = await teams.save({ name: '销售部', parentId: null, headId: null, createdAt: now });
  const east = await teams.save({ name: '销售一组', parentId: sales.id, headId: null, createdAt: now });
  const west = await teams.save({ name: '销售二组', parentId: sales.id, headId: null, createdAt: now });
  const users = db.ds.getRepository(User);
  const mk = (username: string, name: string, role: Role, teamId: number | null, managerId: number | null, position: string | null = null, locale: 'zh-CN' | 'en-US' = 'zh-CN') =>
    users.save(users.create({ username, name, role, teamId, managerId, position, locale, active: true, createdAt: now, updatedAt: now,
      wecomUserId: username.replace('.', '_'), dingtalkUserId: `dt_${username.replace('.', '_')}` }));
  const admin = await mk('admin', '管理员', 'admin', null, null);
  const gm = await mk('gm.zhou', '周总', 'admin', null, null, 'gm');
  const director = await mk('director.li', '李总监', 'manager', sales.id, gm.id, 'sales_director');
  const mgrEast = await mk('mgr.wang', '王经理', 'manager', east.id, director.id);
  const mgrWest = await mk('mgr.chen', '陈经理', 'manager', west.id, director.id);
  const repA = await mk('rep.zhang', '张三', 'rep', east.id, mgrEast.id);
  const repB = await mk('rep.li', '李四', 'rep', east.id, mgrEast.id, null, 'en-US');
  const repC = await mk('rep.zhao', '赵六', 'rep', west.id, mgrWest.id);
  const finance = await mk('fin.sun', '孙会计', 'finance', null, gm.id, 'finance');
  const legal = await mk('legal.wu', '吴法务', 'rep', null, gm.id, 'legal');
  await teams.update(sales.id, { headId: director.id });
  await teams.update(east.id, { headId: mgrEast.id });
  await teams.update(west.id, { headId: mgrWest.id });
  return { teams: { sales: sales.id, east: east.id, west: west.id }, users: { admin, director, mgrEast, mgrWest, repA, repB, repC, finance, legal, gm } };
}
