// 相似问题: earlier problems this one is like — of the same unit (屡审屡犯) or of others (共性问题) — with the score, to
// confirm or dismiss.
import { App, Button, Card, List, Space, Tag } from 'antd';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { ProblemLink } from '../../components/ProblemLink.tsx';
import { MATCH_KIND_LABEL, MATCH_STATUS_LABEL } from '../../../../src/core/vocabulary.ts';

export function SimilarProblems({ code }: { code: string }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const list = useGet('GET /api/problems/:code/matches', { params: { code } });
  if (!list.data || list.data.items.length === 0) return null;
  const decide = async (id: number, confirm: boolean) => {
    try {
      await api('POST /api/matches/:id/decision', { params: { id }, body: { confirm } });
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <Card title="相似的以往问题" size="small" data-testid="similar">
      <List
        dataSource={list.data.items}
        renderItem={(m) => (
          <List.Item
            actions={
              m.status === 'suggested' && can('supervise')
                ? [
                    <Button key="y" size="small" onClick={() => void decide(m.id, true)}>
                      确认
                    </Button>,
                    <Button key="n" size="small" onClick={() => void decide(m.id, false)}>
                      排除
                    </Button>,
                  ]
                : [<Tag key="s">{MATCH_STATUS_LABEL[m.status]}</Tag>]
            }
          >
            <Space wrap>
              <Tag color={m.kind === 'repeat' ? 'red' : 'blue'}>{MATCH_KIND_LABEL[m.kind]}</Tag>
              <span>相似度 {(m.score * 100).toFixed(0)}%</span>
              <ProblemLink code={m.code} />
              <span>{m.title}</span>
              <span style={{ color: '#888' }}>{m.inspected_unit ?? m.source}</span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
