"""A sub-list's create/delete: Odoo's <tree create="0" delete="0"> inside an x2many field becomes the
field node's create: false / delete: false, and is written back the same way for Odoo's clients."""
from __future__ import annotations

from core.addon.arch_xml import arch_to_xml
from core.addon.odoo_xml import xml_to_arch

FORM = """<form><sheet>
  <field name="child_ids"><tree create="0" delete="false"><field name="name"/></tree></field>
  <field name="bank_ids"><tree><field name="acc_number"/></tree></field>
</sheet></form>"""


def test_odoo_tree_create_and_delete_become_node_attributes():
    _type, arch = xml_to_arch(FORM)
    closed, open_ = arch["sheet"]
    assert closed["create"] is False and closed["delete"] is False
    assert "create" not in open_ and "delete" not in open_


def test_node_create_and_delete_are_written_back_as_odoo_xml():
    _type, arch = xml_to_arch(FORM)
    xml = arch_to_xml("form", arch)
    assert '<tree create="0" delete="0">' in xml
    assert xml.count("<tree>") == 1
