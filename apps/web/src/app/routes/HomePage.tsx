import { PageContainer } from '@ant-design/pro-components';
import { Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { certificationStatusLabels, formatDateTime, greetingFor, orgTypeLabels, roleLabels, type OrgType } from '@benxi/shared';
import { useMe, type Me } from '../../features/auth/api/me';
import { useCertification } from '../../features/certification/api/certification';
import { certificationListQueryOptions } from '../../features/admin-certifications/api/certifications';
import { quotaListQueryOptions } from '../../features/quota/api/quota';
import { PLATFORM_FULL_NAME } from '../../components/constants';
import { Dashboard } from '../../features/supervision/components/Dashboard';

/** "上午好，张三" by Beijing time; the organisation's name when the account has no name, never the phone. */
function greetingLine(me: Pick<Me, 'name' | 'org'>, now = new Date()): string {
  const who = me.name?.trim() || me.org.name?.trim();
  return who ? `${greetingFor(now)}，${who}` : greetingFor(now);
}

function EnterpriseCertState() {
  const cert = useCertification();
  const c = cert.data?.certification;
  if (cert.isPending) return <Tag>查询中</Tag>;
  if (!c) return <Link to="/certification"><Tag color="default">未认证</Tag></Link>;
  if (c.status === 'approved') {
    return (
      <Link to="/certification" title="查看认证信息">
        <Tag color="success" style={{ cursor: 'pointer' }}>已认证</Tag>
      </Link>
    );
  }
  return (
    <Link to="/certification">
      <Tag color={c.status === 'pending' ? 'processing' : 'error'}>{certificationStatusLabels[c.status]}</Tag>
    </Link>
  );
}

function AdminTodo() {
  const pending = useQuery(certificationListQueryOptions({ status: 'pending', page: 1, pageSize: 10 }));
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12} lg={8}>
        <Card>
          <Statistic title="待审核的企业认证" value={pending.data?.total ?? '-'} suffix="件" loading={pending.isPending} />
          <Link to="/admin/certifications">前往认证审核</Link>
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Card>
          <Statistic title="账户与安全" value="用户管理" valueStyle={{ fontSize: 20 }} />
          <Link to="/admin/users">解锁、停用或启用账户</Link>
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Card>
          <Statistic title="操作留痕" value="审计日志" valueStyle={{ fontSize: 20 }} />
          <Link to="/admin/audit">查看全部操作记录</Link>
        </Card>
      </Col>
    </Row>
  );
}

function HrssTodo() {
  const pending = useQuery(quotaListQueryOptions({ status: 'pending', queue: '1', page: 1, pageSize: 10 }));
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12} lg={8}>
        <Card>
          <Statistic title="待审核的定额申请" value={pending.data?.total ?? '-'} suffix="件" loading={pending.isPending} />
          <Link to="/quota/review">前往定额审核</Link>
        </Card>
      </Col>
    </Row>
  );
}

/** The role's own business, not yet online: what it will be, so that the page says what to expect. */
function ComingSoon({ title, items }: { title: string; items: string[] }) {
  return (
    <Card title={title}>
      <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        以上功能正在建设中，上线后将在左侧菜单中显示；如需办理，请联系平台运营人员。
      </Typography.Paragraph>
    </Card>
  );
}

function WelcomeCard({ me }: { me: Me }) {
  const orgType = orgTypeLabels[me.org.type as OrgType] ?? me.org.type;
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {greetingLine(me)}，欢迎使用{PLATFORM_FULL_NAME}
      </Typography.Title>
      <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }} size="small" style={{ marginTop: 12 }}>
        <Descriptions.Item label="角色">
          <Tag color="blue">{roleLabels[me.role]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="手机号">{me.phone}</Descriptions.Item>
        <Descriptions.Item label="所属单位">{me.org.name ?? '-'}</Descriptions.Item>
        <Descriptions.Item label="单位类型">{orgType}</Descriptions.Item>
        {me.role === 'enterprise' && (
          <Descriptions.Item label="企业信息">
            <Space>
              <EnterpriseCertState />
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="本次登录有效至">{formatDateTime(me.sessionExpiresAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export default function HomePage() {
  const me = useMe().data!;
  return (
    <PageContainer title="首页">
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <WelcomeCard me={me} />
        <Dashboard role={me.role} />
        {me.role === 'admin' && <AdminTodo />}
        {me.role === 'hrss' && <HrssTodo />}
        {(me.role === 'hrss' || me.role === 'authority') && (
          <Card>
            <Typography.Paragraph style={{ marginTop: 0 }}>
              <Link to="/projects">项目监管</Link>：查看本单位及下辖区县监管的项目、工程进度与保证金状态，可导出 Excel。
            </Typography.Paragraph>
            {me.role === 'hrss' ? (
              <Typography.Paragraph style={{ marginTop: 0 }}>
                <Link to="/quota/review">定额审核</Link>：审核企业的定额申请（5个工作日内）；
                <Link to="/arrears" style={{ marginLeft: 4 }}>欠薪及失信记录</Link>：登记企业拖欠和严重失信情况。
              </Typography.Paragraph>
            ) : (
              <Typography.Paragraph style={{ marginTop: 0 }}>
                <Link to="/quota">定额申请</Link>：查看本单位及下辖区县项目的定额申请及审核结果。
              </Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              缴纳、预警、统计等功能正在建设中，上线后将在左侧菜单中显示。
            </Typography.Paragraph>
          </Card>
        )}
        {me.role === 'bank' && (
          <Card title="经办银行的业务">
            <ul style={{ margin: 0, paddingInlineStart: 20, lineHeight: 2 }}>
              <li>现金存缴：为施工企业开立农民工工资保证金专用账户，确认到账（账号、到账金额、到账日期、凭证）</li>
              <li>银行保函：受理或不受理企业的保函申请，出函并回传保函号与保函文件</li>
              <li>支付通知书：按人社部门的《农民工工资保证金支付通知书》向农民工支付工资（建设中）</li>
            </ul>
            <Typography.Paragraph style={{ margin: '8px 0 0' }}>
              <Link to="/bank/todo">待办</Link>：新的保函申请和待确认到账的现金存缴；
              <Link to="/bank/guarantees" style={{ marginLeft: 4 }}>保函办理</Link>、
              <Link to="/bank/cash-deposits">现金存缴</Link>：本行经办的全部业务。也可通过开放接口由本行系统对接办理。
            </Typography.Paragraph>
          </Card>
        )}
        {me.role === 'insurer' && (
          <ComingSoon
            title="保险公司的业务"
            items={[
              '核保：审核企业的农民工工资支付履约保证保险订单，确认最终费率与保费或拒绝承保',
              '收款与出单：确认企业的保费支付，出具保单（保单号、保单文件）',
              '发票：按企业申请开具并上传发票',
              '理赔：按人社部门的《农民工工资保证金支付通知书》支付',
            ]}
          />
        )}
        {me.role === 'enterprise' && (
          <Card>
            <Typography.Paragraph style={{ marginTop: 0 }}>
              <Link to="/projects">项目管理</Link>：新建项目、查看项目详情、维护工程进度；在项目详情中点击【定额申请】填写定额信息。
              <Link to="/projects/new" style={{ marginLeft: 8 }}>新建项目</Link>
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginTop: 0 }}>
              <Link to="/quota">申请管理 › 定额申请</Link>：查看定额申请的审核状态，驳回的申请可修改后重新提交。
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              保证金缴纳：定额申请审核通过后，在项目详情的【定额保证金】中办理现金存缴或银行保函。备案与注销等功能正在建设中，上线后将在左侧菜单中显示。
            </Typography.Paragraph>
          </Card>
        )}
      </Space>
    </PageContainer>
  );
}
