import { useState } from 'react';
import { ProLayout } from '@ant-design/pro-components';
import { App, Dropdown, Grid, Modal, Typography } from 'antd';
import UserOutlined from '@ant-design/icons/UserOutlined';
import LockOutlined from '@ant-design/icons/LockOutlined';
import LogoutOutlined from '@ant-design/icons/LogoutOutlined';
import BankOutlined from '@ant-design/icons/BankOutlined';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { roleLabels } from '@benxi/shared';
import { Logo } from '../../components/Logo';
import { PLATFORM_FULL_NAME } from '../../components/constants';
import { useMe } from '../../features/auth/api/me';
import { useLogout } from '../../features/auth/api/auth';
import { ChangePasswordForm } from '../../features/auth/components/ChangePasswordForm';
import { MessageBell } from '../../features/supervision/components/MessageBell';
import { needsCertification } from '../guards';
import { breadcrumbFor, menuFor, type Crumb } from './menu';

/** The shell after login: side menu by role, header with the user and the account menu. */
export default function AppLayout() {
  const me = useMe().data!;
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const orgName = me.org.name ?? roleLabels[me.role];
  const menu = menuFor(me);
  const crumbs = breadcrumbFor(menu, pathname);
  // below md the header has room for the menu button, the logo and a shortened unit name only
  const narrow = !Grid.useBreakpoint().md;

  return (
    <>
      <ProLayout
        title={PLATFORM_FULL_NAME}
        logo={<Logo size={30} />}
        layout="mix"
        fixSiderbar
        fixedHeader
        siderWidth={208}
        // Collapse only when the user asks (the automatic breakpoint flickers on window resizes).
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint={false}
        location={{ pathname }}
        route={{ path: '/', routes: menu }}
        menu={{ locale: false }}
        onMenuHeaderClick={() => navigate('/')}
        menuItemRender={(item, dom) => (item.path && !item.path.includes(':') ? <Link to={item.path}>{dom}</Link> : dom)}
        // 首页 / 申请管理 / 定额申请 from the menu (ProLayout's own only follows URL prefixes)
        breadcrumbRender={() => crumbs.map((c) => ({ ...c, breadcrumbName: c.title }))}
        breadcrumbProps={{ minLength: 1 }}
        itemRender={(route) => {
          const c = route as unknown as Crumb;
          return c.linkPath ? <Link to={c.linkPath}>{c.title}</Link> : <span>{c.title}</span>;
        }}
        token={{
          header: {
            colorBgHeader: '#0b3d91',
            colorHeaderTitle: '#ffffff',
            colorTextRightActionsItem: 'rgba(255,255,255,0.9)',
            colorBgRightActionsItemHover: 'rgba(255,255,255,0.12)',
            heightLayoutHeader: 56,
          },
          sider: {
            colorMenuBackground: '#ffffff',
            colorTextMenuSelected: '#1557b0',
            colorBgMenuItemSelected: '#e8f0fb',
          },
          pageContainer: { paddingBlockPageContainerContent: 16, paddingInlinePageContainerContent: 24 },
        }}
        actionsRender={() => [
          // 消息中心 (ADR 038): the unread badge, polled
          ...(needsCertification(me) || me.mustChangePassword ? [] : [<MessageBell key="messages" />]),
          // a long unit name ends in … inside the bar (the full name on hover and in the account menu)
          <span
            key="org"
            data-testid="header-org"
            title={orgName}
            style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0, color: 'rgba(255,255,255,0.9)', padding: '0 4px' }}
          >
            <BankOutlined />
            <span
              style={{
                display: 'inline-block',
                maxWidth: narrow ? 'calc(100vw - 210px)' : 'min(360px, 32vw)',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
            >
              {orgName}
            </span>
          </span>,
        ]}
        avatarProps={{
          icon: <UserOutlined />,
          size: 'small',
          style: { background: '#2f7bd8' },
          title: narrow ? undefined : <span style={{ color: '#fff' }}>{me.phone}</span>,
          render: (_props, dom) => (
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {roleLabels[me.role]} · {orgName}
                      </Typography.Text>
                    ),
                  },
                  { type: 'divider' },
                  { key: 'password', icon: <LockOutlined />, label: '修改密码' },
                  { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
                ],
                onClick: ({ key }) => {
                  if (key === 'password') setChangingPassword(true);
                  if (key === 'logout') {
                    logout.mutate(undefined, {
                      onSettled: () => {
                        message.success('已退出登录');
                        navigate('/login', { replace: true });
                      },
                    });
                  }
                },
              }}
            >
              {dom}
            </Dropdown>
          ),
        }}
        footerRender={() => (
          <div style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '16px 0' }}>
            {PLATFORM_FULL_NAME}
          </div>
        )}
      >
        <Outlet />
      </ProLayout>
      {/* a new page opens at the top (the form's scroll does not carry over); 返回 restores the position */}
      <ScrollRestoration />
      <Modal
        title="修改密码"
        open={changingPassword}
        footer={null}
        onCancel={() => setChangingPassword(false)}
        destroyOnHidden
        width={480}
      >
        <ChangePasswordForm
          phone={me.phone}
          onCancel={() => setChangingPassword(false)}
          onChanged={() => {
            setChangingPassword(false);
            message.success('密码已修改，请重新登录');
            navigate('/login', { replace: true });
          }}
        />
      </Modal>
    </>
  );
}
