export { Badge, type BadgeTone } from './badge';
export { CellLabel } from './cell-label';
export { Button, ButtonLink, type ButtonProps } from './button';
export { ConfirmDialog, Dialog, FormDialogActions } from './dialog';
export { Alert, EmptyState, ErrorState, Loading, Skeleton } from './feedback';
export { SelectField, TextAreaField, TextField, type Option } from './field';
export { PageHeading, useRouteFocus } from './heading';
export { Spinner } from './spinner';
export { Tabs, type TabDef } from './tabs';
export { ToastProvider, useToast } from './toast';
export {
  ActivityIcon,
  BuildingIcon,
  CalendarIcon,
  ClockIcon,
  MailIcon,
  NoteIcon,
  PersonIcon,
  PhoneIcon,
  SearchIcon,
} from './icons';
