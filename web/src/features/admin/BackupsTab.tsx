// 系统管理 → 备份: the backups the server keeps, one made now, any downloaded. A backup holds the whole ledger (files,
// accounts and the log included): the system administrator's alone.
import { Alert, App, Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { address, api, ApiError, useGet } from '../../lib/api.ts';

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export function BackupsTab() {
  const { message } = App.useApp();
  const list = useGet('GET /api/backups', {});
  const [busy, setBusy] = useState(false);
  const makeNow = async () => {
    setBusy(true);
    try {
      const r = await api('POST /api/backups', {});
      message.success(`已备份：${r.name}（${size(r.bytes)}，${r.rows} 行，操作日志 ${r.events} 条）`);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '备份失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        备份包含整个台账：整改来源与原始文档、问题与全部记录、佐证材料、账号、设置和操作日志；涉及个人信息的字段以 SM4
        加密保存，其密钥文件不在备份中，请另行妥善备份（恢复到其他服务器时一并复制）。备份保存在服务器的
        <Typography.Text code data-testid="backup-dir">
          {list.data?.dir ?? '…'}
        </Typography.Text>
        {list.data?.daily ? '，服务器每天自动备份一次。' : '。未设置 ZG_BACKUP_DIR，服务器不会每天自动备份。'}
        恢复时在命令行运行{' '}
        <Typography.Text code>
          {list.data?.database === 'server'
            ? 'npx zg restore 备份文件 --to postgres://…/空数据库 --checkpoint 新的检查点文件'
            : 'npx zg restore 备份文件 --data 新的数据目录'}
        </Typography.Text>
        。
      </Typography.Paragraph>
      <Button type="primary" loading={busy} onClick={() => void makeNow()} data-testid="backup-now">
        立即备份
      </Button>
      <Table
        rowKey="name"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="backups"
        columns={[
          {
            title: '备份文件',
            dataIndex: 'name',
            render: (name: string) => <a href={address('GET /api/backups/:name', { params: { name } })}>{name}</a>,
          },
          { title: '大小', dataIndex: 'bytes', width: 110, render: (b: number) => size(b) },
          {
            title: '时间',
            dataIndex: 'at',
            width: 200,
            render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
          },
        ]}
      />
    </Space>
  );
}
