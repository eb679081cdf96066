/** The group switcher in the header: a menu of my groups; choosing one opens it. */
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Button, Header, I18nProvider, Menu, MenuItem, MenuSection, MenuTrigger, Popover, Separator, Text } from "react-aria-components";
import { ChevronDown, LayoutGrid } from "lucide-react";
import { listGroups } from "../api/groups.js";
import { currentLanguage } from "../i18n/index.js";
import { groupsKey } from "../lib/queryClient.js";
import { roleTitle } from "../lib/roles.js";

const ICON = 20;

export function GroupSwitcher() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const groups = useQuery({ queryKey: groupsKey, queryFn: listGroups });
  const language = currentLanguage();
  // The groups I am in; administrators reach their organisations' other groups from the organisation.
  const mine = (groups.data ?? []).filter((group) => group.myRole !== null);
  return (
    <I18nProvider locale={language}>
      <MenuTrigger>
        <Button className="nav-button">
          <LayoutGrid size={ICON} aria-hidden="true" />
          <span className="nav-button-label">
            {t("nav.groups")}
            <ChevronDown size={14} aria-hidden="true" />
          </span>
        </Button>
        <Popover className="menu-popover" placement="bottom">
          <Menu className="menu" onAction={(key) => void navigate(String(key))}>
            {mine.length > 0 ? (
              <>
                <MenuSection className="menu-section">
                  <Header className="menu-header">{t("switcher.title")}</Header>
                  {mine.map((group) => (
                    <MenuItem key={group.id} id={`/groups/${group.id}`} textValue={group.name} className="menu-item">
                      <Text slot="label" className="menu-item-label">
                        {group.name}
                      </Text>
                      <Text slot="description" className="menu-item-detail">
                        {`${group.organisationName} · ${roleTitle(t, group, group.myRole, language)}`}
                      </Text>
                    </MenuItem>
                  ))}
                </MenuSection>
                <Separator className="menu-separator" />
              </>
            ) : null}
            <MenuSection className="menu-section">
              <MenuItem id="/join" className="menu-item">
                {t("switcher.join")}
              </MenuItem>
              <MenuItem id="/" className="menu-item">
                {t("switcher.all")}
              </MenuItem>
            </MenuSection>
          </Menu>
        </Popover>
      </MenuTrigger>
    </I18nProvider>
  );
}
