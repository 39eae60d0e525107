import { NavLink } from 'react-router-dom';

/** The catalog's pages, side by side. */
export function CatalogNav() {
  return (
    <nav className="settings-nav catalog-nav" aria-label="Catalog">
      <NavLink to="/catalog" end>
        Products
      </NavLink>
      <NavLink to="/catalog/suppliers">Suppliers</NavLink>
      <NavLink to="/catalog/rate-cards">Day rates</NavLink>
      <NavLink to="/catalog/pricing-rules">Pricing rules</NavLink>
    </nav>
  );
}
