/** The staff sign-in form the console and the dashboard share; their scripts post it. */
export function StaffLoginForm() {
  return (
    <form id="login" class="panel" hidden>
      <h2>工作人员登录</h2>
      <label>
        用户名
        <input name="username" autocomplete="username" required />
      </label>
      <label>
        密码
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit">登录</button>
      <p id="login-error" class="error-text" role="alert"></p>
    </form>
  )
}
