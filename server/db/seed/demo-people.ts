// 重庆渝信科技有限公司 — the demo company: GM, sales director, legal, finance, two sales teams.
import type { Db } from '../../domain/shared/db.js';
import { Team } from '../../domain/user/team.entity.js';
import { User, type Role } from '../../domain/user/user.entity.js';

export interface DemoPerson { username: string; name: string; role: Role; position?: string; team?: 'sales' | 'east' | 'west'; manager?: string; locale?: 'zh-CN' | 'en-US' }

export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'admin', name: '系统管理员', role: 'admin' },
  { username: 'gm.zhou', name: '周建国', role: 'admin', position: 'gm' },
  { username: 'director.li', name: '李明远', role: 'manager', position: 'sales_director', team: 'sales', manager: 'gm.zhou' },
  { username: 'legal.wu', name: '吴婷', role: 'rep', position: 'legal', manager: 'gm.zhou' },
  { username: 'finance.sun', name: '孙丽', role: 'finance', position: 'finance', manager: 'gm.zhou' },
  { username: 'mgr.wang', name: '王海涛', role: 'manager', team: 'east', manager: 'director.li' },
  { username: 'mgr.chen', name: '陈静', role: 'manager', team: 'west', manager: 'director.li' },
  { username: 'rep.zhang', name: '张伟', role: 'rep', team: 'east', manager: 'mgr.wang' },
  { username: 'rep.liu', name: '刘洋', role: 'rep', team: 'east', manager: 'mgr.wang' },
  { username: 'rep.yang', name: '杨帆', role: 'rep', team: 'east', manager: 'mgr.wang' },
  { username: 'rep.zhao', name: '赵磊', role: 'rep', team: 'west', manager: 'mgr.chen' },
  { username: 'rep.huang', name: '黄敏', role: 'rep', team: 'west', manager: 'mgr.chen' },
  { username: 'rep.emily', name: 'Emily Chen', role: 'rep', team: 'west', manager: 'mgr.chen', locale: 'en-US' },
];

export async function seedDemoPeople(db: Db, log: (line: string) => void): Promise<Map<string, User>> {
  const now = db.clock.now();
  const teams = db.ds.getRepository(Team);
  const sales = await teams.save({ name: '销售部', parentId: null, headId: null, createdAt: now });
  const east = await teams.save({ name: '销售一部（江北）', parentId: sales.id, headId: null, createdAt: now });
  const west = await teams.save({ name: '销售二部（渝北）', parentId: sales.id, headId: null, createdAt: now });
  const teamIds = { sales: sales.id, east: east.id, west: west.id };
  const users = db.ds.getRepository(User);
  const byName = new Map<string, User>();
  for (const p of DEMO_PEOPLE) {
    const u = await users.save(users.create({
      username: p.username, name: p.name, role: p.role, position: p.position ?? null,
      teamId: p.team ? teamIds[p.team] : null, managerId: p.manager ? byName.get(p.manager)!.id : null,
      locale: p.locale ?? 'zh-CN', active: true, email: `${p.username}@demo.chatcrm.local`, phone: null,
      wecomUserId: p.username.replace('.', '_'), dingtalkUserId: `dt_${p.username.replace('.', '_')}`, dingtalkUnionId: null,
      createdAt: now, updatedAt: now,
    }));
    byName.set(p.username, u);
  }
  await teams.update(sales.id, { headId: byName.get('director.li')!.id });
  await teams.update(east.id, { headId: byName.get('mgr.wang')!.id });
  await teams.update(west.id, { headId: byName.get('mgr.chen')!.id });
  log(`demo: ${DEMO_PEOPLE.length} people in 3 teams`);
  return byName;
}
