import { NavLink } from 'react-router-dom';

/** The settings pages, side by side. */
export function SettingsNav() {
  return (
    <nav className="settings-nav" aria-label="Settings">
      <NavLink to="/settings/profile">Profile</NavLink>
      <NavLink to="/settings/workspace">Workspace</NavLink>
      <NavLink to="/settings/branding">Branding</NavLink>
      <NavLink to="/settings/ai">AI</NavLink>
      <NavLink to="/settings/security">Security</NavLink>
      <NavLink to="/settings/pipelines">Pipelines</NavLink>
      <NavLink to="/settings/notifications">Notifications</NavLink>
    </nav>
  );
}
