// 我的信息: what the system holds about the person looking — their account, their second factor, their recent
// logins and downloads, how many entries of the log are theirs (个人信息查询).
import { Alert, Descriptions, Table } from 'antd';
import { useGet } from '../../lib/api.ts';
import { ACTION_LABEL } from '../../../../src/core/access/audit-kinds.ts';

const when = (at: string | null) => (at ? new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

export function MyRecord() {
  const r = useGet('GET /api/session/record', {});
  const d = r.data;
  return (
    <div data-testid="my-record">
      {r.error && <Alert type="error" showIcon title={r.error.message} />}
      {d && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="用户名">{d.username}</Descriptions.Item>
            <Descriptions.Item label="姓名">{d.displayName}</Descriptions.Item>
            <Descriptions.Item label="角色">{d.role}</Descriptions.Item>
            <Descriptions.Item label="单位">{d.unit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="账号建立">{when(d.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="密码修改">{when(d.passwordChangedAt)}</Descriptions.Item>
            <Descriptions.Item label="身份验证器">
              {d.secondFactorSince ? `自 ${when(d.secondFactorSince)} 启用` : '未设置'}
            </Descriptions.Item>
            <Descriptions.Item label="操作日志中本人的记录">{d.logEntries} 条</Descriptions.Item>
          </Descriptions>
          <Table
            style={{ marginTop: 16 }}
            rowKey={(e) => `${e.at}-${e.action}`}
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={[...d.recent]}
            columns={[
              { title: '时间', dataIndex: 'at', render: when },
              { title: '事件', dataIndex: 'action', render: (a: string) => ACTION_LABEL.security?.[a] ?? a },
              { title: '地址', dataIndex: 'ip' },
            ]}
          />
        </>
      )}
    </div>
  );
}
