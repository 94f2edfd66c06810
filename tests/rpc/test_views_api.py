"""Views written over XML-RPC are checked like addon views (Odoo XML converted or refused), and
get_views / get_view / fields_view_get describe views as Odoo clients parse them."""
from __future__ import annotations

import xmlrpc.client
from xml.etree.ElementTree import fromstring

import pytest

LEAD_FORM = """\
<form string="Lead">
  <header>
    <button name="action_set_won" string="Won" type="object" class="oe_highlight"
            invisible="type == 'lead' or not active"/>
    <field name="stage_id" widget="statusbar" options="{'clickable': '1'}"/>
  </header>
  <sheet>
    <div class="oe_title"><h1><field name="name" placeholder="Lead title"/></h1></div>
    <group>
      <group name="who" string="Who">
        <field name="partner_id"/>
        <field name="email_from" widget="email"/>
        <field name="phone" widget="phone"/>
      </group>
      <group name="deal" string="Deal">
        <field name="expected_revenue"/>
        <field name="probability" readonly="not id"/>
      </group>
    </group>
    <notebook>
      <page name="notes" string="Notes"><field name="description" nolabel="1"/></page>
    </notebook>
  </sheet>
</form>
"""


def fault_of(call, *args, **kwargs) -> xmlrpc.client.Fault:
    with pytest.raises(xmlrpc.client.Fault) as error:
        call(*args, **kwargs)
    return error.value


@pytest.fixture
def created(admin):
    """Ids of the views a test creates, deleted afterwards (the module's database is shared)."""
    ids: list[int] = []
    yield ids
    if ids:
        admin("ir.ui.view", "unlink", ids)


def view_count(admin) -> int:
    return admin("ir.ui.view", "search_count", [])


def test_odoo_xml_form_is_converted_to_a_view_definition(admin, created):
    view_id = admin("ir.ui.view", "create", {"name": "lead.xml", "model": "crm.lead", "arch": LEAD_FORM,
                                              "priority": 99})
    created.append(view_id)
    [view] = admin("ir.ui.view", "read", [view_id], ["type", "mode", "arch"])
    assert (view["type"], view["mode"]) == ("form", "primary")
    arch = view["arch"]
    assert arch["statusbar"] == {"field": "stage_id", "clickable": True}
    assert arch["header"] == [{"button": "action_set_won", "string": "Won", "class": "primary",
                               "invisible": "type == 'lead' or not active"}]
    assert arch["title"] == [{"field": "name", "placeholder": "Lead title"}]
    outer = arch["sheet"][0]
    assert outer["columns"] == 2 and [g["group"] for g in outer["children"]] == ["who", "deal"]
    assert outer["children"][1]["children"][1] == {"field": "probability", "readonly": "not id"}
    assert arch["sheet"][1]["children"][0]["children"] == [{"field": "description", "nolabel": True}]


def test_odoo_ribbon_widget_becomes_a_ribbon(admin, created):
    arch = LEAD_FORM.replace("<sheet>", '<sheet>\n    <widget name="web_ribbon" title="Lost" '
                                        'bg_color="text-bg-danger" invisible="active"/>')
    view_id = admin("ir.ui.view", "create", {"name": "lead.ribbon", "model": "crm.lead", "arch": arch,
                                              "priority": 99})
    created.append(view_id)
    [view] = admin("ir.ui.view", "read", [view_id], ["arch"])
    assert view["arch"]["ribbons"] == [{"widget": "web_ribbon", "string": "Lost", "bg_color": "danger",
                                        "invisible": "active"}]


def test_xml_naming_an_unknown_field_is_refused_and_nothing_is_stored(admin):
    before = view_count(admin)
    arch = LEAD_FORM.replace("email_from", "emial_from")
    fault = fault_of(admin, "ir.ui.view", "create", {"name": "bad", "model": "crm.lead", "arch": arch})
    assert fault.faultCode == 2
    assert "model crm.lead has no field 'emial_from' (did you mean 'email_from'" in fault.faultString
    assert fault.faultString.startswith("Invalid view bad: ")
    assert view_count(admin) == before


@pytest.mark.parametrize(("arch", "message"), [
    ('<form><sheet><field name="name" attrs="{\'invisible\': 1}"/></sheet></form>',
     "attribute 'attrs' of <field name=\"name\"> is not supported: Odoo 17 writes conditions as attributes"),
    ('<form><sheet><widget name="fancy"/></sheet></form>', '<widget name="fancy"> is not supported'),
    ('<form><sheet><widget name="web_ribbon"/></sheet></form>', '<widget name="web_ribbon"> needs a title'),
    ('<form><sheet><field name="name" widget="fancy"/></sheet></form>', "'fancy' is not one of: char"),
    ('<form><sheet><button name="_check_access" string="X" type="object"/></sheet></form>',
     "method '_check_access' of crm.lead is not public"),
    ('<form><sheet><button name="action_dance" string="X" type="object"/></sheet></form>',
     "model crm.lead has no method 'action_dance'"),
    ('<form><header><button name="crm.no_such_action" type="action"/></header><sheet/></form>',
     "button 'crm.no_such_action' does not name a window action"),
    ('<tree><field name="name"/><button name="action_set_won"/></tree>',
     "<button> in a list is not supported"),
    ("<search><filter name=\"x\" string=\"X\" domain=\"[('stge_id', '=', 1)]\"/></search>",
     "crm.lead has no field 'stge_id' (did you mean 'stage_id'?)"),
    ('<!DOCTYPE form [<!ENTITY big "x">]><form>&big;</form>', "XML features that are refused"),
    ("<form><sheet>", "not well-formed XML"),
    ('<gantt date_start="date_open"/>', "<gantt> views are not supported over the API"),
])
def test_unsupported_or_broken_xml_is_refused_with_what_to_change(admin, arch, message):
    fault = fault_of(admin, "ir.ui.view", "create", {"name": "bad", "model": "crm.lead", "arch": arch})
    assert fault.faultCode == 2
    assert message in fault.faultString


def test_a_view_definition_with_an_unknown_widget_is_refused(admin):
    arch = {"sheet": [{"field": "name", "widget": "fancy"}]}
    fault = fault_of(admin, "ir.ui.view", "create", {"name": "bad", "model": "crm.lead", "type": "form",
                                                     "arch": arch})
    assert (fault.faultCode, "at 'sheet.0.widget'") == (2, fault.faultString.split(": ")[1])


def test_writing_a_broken_arch_over_a_view_is_refused(admin, created):
    view_id = admin("ir.ui.view", "create", {"name": "lead.xml", "model": "crm.lead", "arch": LEAD_FORM,
                                              "priority": 99})
    created.append(view_id)
    fault = fault_of(admin, "ir.ui.view", "write", [view_id],
                     {"arch": LEAD_FORM.replace('name="phone"', 'name="phnoe"')})
    assert fault.faultCode == 2 and "no field 'phnoe'" in fault.faultString
    stored = admin("ir.ui.view", "read", [view_id], ["arch"])[0]["arch"]
    assert stored["sheet"][0]["children"][0]["children"][2] == {"field": "phone", "widget": "phone"}


def test_odoo_inheritance_is_converted_to_changes(admin, created):
    form = admin("ir.model.data", "check_object_reference", "crm", "crm_lead_view_form")[1]
    inherit = """<data>
      <field name="email_from" position="after"><field name="referred"/></field>
      <xpath expr="//group[@name='lead_deal']" position="inside"><field name="date_deadline"/></xpath>
      <field name="website" position="replace"/>
      <field name="phone" position="attributes"><attribute name="required">1</attribute></field>
    </data>"""
    view_id = admin("ir.ui.view", "create", {"name": "lead.inherit", "inherit_id": form, "arch": inherit})
    created.append(view_id)
    [view] = admin("ir.ui.view", "read", [view_id], ["mode", "model", "type", "arch"])
    assert (view["mode"], view["model"], view["type"]) == ("extension", "crm.lead", "form")
    assert view["arch"]["changes"] == [
        {"after": "email_from", "nodes": [{"field": "referred"}]},
        {"inside": "lead_deal", "nodes": [{"field": "date_deadline"}]},
        {"remove": "website"},
        {"attributes": "phone", "set": {"required": True}},
    ]
    arch = fromstring(admin("crm.lead", "get_view", form, "form")["arch"])
    customer = [f.get("name") for f in arch.find(".//group[@name='lead_customer']")]
    assert customer[customer.index("email_from") + 1] == "referred" and "website" not in customer
    assert arch.find(".//field[@name='phone']").get("required") == "1"


@pytest.mark.parametrize(("inherit", "message"), [
    ('<xpath expr="//div[hasclass(\'oe_title\')]" position="after"><field name="name"/></xpath>',
     "xpath \"//div[hasclass('oe_title')]\" is not supported; supported: //field[@name='x']"),
    ('<field name="nowhere" position="after"><field name="referred"/></field>',
     "no field or container 'nowhere' to change (after)"),
    ('<field name="email_from" position="move"/>', "position 'move' is not supported"),
    ('<field name="email_from" position="after"><field name="refered"/></field>', "no field 'refered'"),
])
def test_inheritance_that_cannot_be_converted_is_refused(admin, inherit, message):
    form = admin("ir.model.data", "check_object_reference", "crm", "crm_lead_view_form")[1]
    fault = fault_of(admin, "ir.ui.view", "create", {"name": "bad", "inherit_id": form, "arch": inherit})
    assert fault.faultCode == 2 and message in fault.faultString


def test_get_views_answers_parseable_archs_and_the_fields(admin):
    answer = admin("crm.lead", "get_views", [[False, "list"], [False, "form"], [False, "search"]],
                   {"load_filters": True, "toolbar": True})
    views = answer["views"]
    assert set(views) == {"list", "form", "search"}
    form = fromstring(views["form"]["arch"])
    assert form.tag == "form" and views["form"]["model"] == "crm.lead" and views["form"]["id"]
    assert form.find("header/field[@widget='statusbar']").get("name") == "stage_id"
    assert form.find(".//field[@name='email_from']").get("widget") == "email"
    ribbons = {w.get("title"): w for w in form.iter("widget") if w.get("name") == "web_ribbon"}
    assert ribbons["Lost"].get("bg_color") == "text-bg-danger"
    assert ribbons["Won"].get("invisible") == "won_status != 'won'"
    assert fromstring(views["list"]["arch"]).tag == "tree"
    assert fromstring(views["search"]["arch"]).find("filter") is not None
    assert views["search"]["filters"] == [] or isinstance(views["search"]["filters"], list)
    fields = answer["models"]["crm.lead"]
    assert fields["stage_id"]["type"] == "many2one" and fields["stage_id"]["relation"] == "crm.stage"
    every = {f.get("name") for f in form.iter("field")} | {f.get("name") for f in fromstring(
        views["list"]["arch"]).iter("field")}
    known = set().union(*(set(model_fields) for model_fields in answer["models"].values()))
    assert every <= known and len(answer["models"]) > 1


def test_get_views_of_a_model_without_views_generates_them(admin):
    answer = admin("res.country.state", "get_views", [[False, "form"], [False, "kanban"]])
    assert answer["views"]["form"]["id"] is False
    assert fromstring(answer["views"]["form"]["arch"]).find(".//field[@name='code']") is not None
    assert fromstring(answer["views"]["kanban"]["arch"]).tag == "kanban"


def test_fields_view_get_answers_the_older_shape(admin):
    answer = admin("res.partner", "fields_view_get", False, "tree")
    assert fromstring(answer["arch"]).tag == "tree" and answer["type"] == "tree"
    assert "name" in answer["fields"] and answer["model"] == "res.partner"


def test_get_views_refuses_an_unknown_view_type(admin):
    fault = fault_of(admin, "crm.lead", "get_views", [[False, "gantt"]])
    assert fault.faultCode == 2 and "Invalid view type 'gantt'" in fault.faultString


def test_get_views_follows_the_users_access(demo):
    assert "stage_id" in demo("crm.lead", "get_views", [[False, "form"]])["models"]["crm.lead"]
    fault = fault_of(demo, "ir.ui.view", "create", {"name": "x", "model": "crm.lead", "arch": LEAD_FORM})
    assert fault.faultCode == 4
