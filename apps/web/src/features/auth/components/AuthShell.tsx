import type { CSSProperties, ReactNode } from 'react';
import { Logo } from '../../../components/Logo';
import { PLATFORM_FULL_NAME } from '../../../components/constants';

const styles = {
  page: {
    minHeight: '100%',
    display: 'flex',
    flexDirection: 'column',
    background: 'linear-gradient(160deg, #0b3d91 0%, #1557b0 45%, #2f7bd8 100%)',
  },
  // padding, gaps and font sizes are in index.html (.auth-*): they change on narrow screens
  header: {
    display: 'flex',
    alignItems: 'center',
    color: '#fff',
    borderBottom: '1px solid rgba(255,255,255,0.15)',
  },
  main: {
    flex: 1,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    flexWrap: 'wrap',
  },
  intro: { color: '#fff', maxWidth: 440 },
  card: {
    width: 420,
    maxWidth: '100%',
    background: '#fff',
    borderRadius: 8,
    boxShadow: '0 12px 40px rgba(0,0,0,0.25)',
  },
  cardTitle: {
    margin: 0,
    fontSize: 18,
    fontWeight: 600,
    color: 'rgba(0,0,0,0.88)',
    borderBottom: '1px solid #f0f0f0',
  },
  footer: { textAlign: 'center', color: 'rgba(255,255,255,0.65)', fontSize: 12, padding: '16px 0 20px' },
} satisfies Record<string, CSSProperties>;

/**
 * The frame of 登录 / 注册 / 忘记密码: platform title, a short introduction, and the form card.
 * On a phone the header is compact and the card comes before the introduction, so that the form
 * is on the first screen.
 */
export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={styles.page}>
      <header style={styles.header} className="auth-header">
        <Logo size={40} />
        <div>
          <div className="auth-title">{PLATFORM_FULL_NAME}</div>
          <div className="auth-subtitle">本溪市建设工程领域农民工工资支付保障</div>
        </div>
      </header>
      <main style={styles.main} className="auth-main">
        <section style={styles.intro} className="auth-intro">
          <h2 style={{ color: '#fff', marginTop: 0, fontSize: 30, fontWeight: 600, lineHeight: 1.4 }}>
            农民工工资支付保证金
            <br />
            一站式线上办理
          </h2>
          <ul style={{ paddingLeft: 20, lineHeight: 2.2, fontSize: 15, opacity: 0.92 }}>
            <li>施工总承包单位在线注册、企业认证</li>
            <li>保证金定额申请、缴纳、备案与注销全程网办</li>
            <li>人社部门、行业主管部门在线监管，信息公开透明</li>
          </ul>
        </section>
        {/* A plain panel rather than antd Card: Card drags Tabs and Dropdown into the login chunk. */}
        <section style={styles.card} className="auth-card" aria-label={title}>
          <h1 style={styles.cardTitle} className="auth-card-title">{title}</h1>
          <div className="auth-card-body">{children}</div>
        </section>
      </main>
      <footer style={styles.footer}>{PLATFORM_FULL_NAME} · 请使用 Chrome、Edge 等现代浏览器访问</footer>
    </div>
  );
}
