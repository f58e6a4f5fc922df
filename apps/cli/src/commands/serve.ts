import { Command } from 'commander';
import { startServer } from '@manyi/api/server';
import { listCampaigns } from '@manyi/store/campaigns';
import { listCommunities } from '@manyi/store/regions';
import { openStore } from '@manyi/store/Store';
import { seedDemoIfEmpty } from '../seedDemoIfEmpty.ts';
import { dbOption } from './import.ts';

/** `manyi serve`: the API, the resident page and the dashboard on one port. */
export function serveCommand(): Command {
  return new Command('serve')
    .description(
      '启动服务:接口、居民问卷页与看板 / serve the API, the survey page and the dashboard',
    )
    .addOption(dbOption())
    .option('--port <port>', '端口 / port (default: PORT or 8787)')
    .option('--host <host>', '地址 / address to listen on (default: HOST or 127.0.0.1)')
    .option(
      '--demo',
      '数据库为空时载入示范市演示数据 / load the 示范市 demo if the database is empty',
    )
    .action(async (options: { db?: string; port?: string; host?: string; demo?: boolean }) => {
      const store = await openStore({ path: options.db });
      if (options.demo) await seedDemoIfEmpty(store);
      const server = await startServer({
        store,
        port: options.port === undefined ? undefined : Number(options.port),
        host: options.host,
      });
      const [open] = (await listCampaigns(store)).filter((c) => c.state === 'open');
      const [community] = await listCommunities(store);
      console.log(`\n满意 Manyi 已启动 / is running (${store.path})`);
      console.log(`  看板 dashboard:        ${server.url}/dashboard/`);
      if (community)
        console.log(
          `  居民问卷 survey:       ${server.url}/s/${community.code}  (${community.name})`,
        );
      console.log(`  接口 API:              ${server.url}/api/v1/health`);
      if (open) console.log(`  进行中的测评 open:     ${open.year} ${open.title}`);
      console.log('按 Ctrl+C 停止 / press Ctrl+C to stop\n');
      const stop = async () => {
        await server.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
