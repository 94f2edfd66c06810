"""What a tracked move needs before it is done: a lot for every unit, serial numbers one unit each,
never twice, and never one already in stock when it is received. Each error names the product, the
transfer and the line."""

from __future__ import annotations

from addons.stock.models.stock_quant import QUANT_LOCATIONS, round_qty
from core import _, model
from core.exceptions import UserError


@model("stock.move")
class StockMoveLotChecks:
    def _check_lot_lines(self) -> None:
        """UserError on the first tracked move (with a quantity) whose lines do not name its lots."""
        serials: dict[tuple[int, str], str] = {}
        for move in self.filtered(lambda m: m.quantity > 0 and m._is_lot_tracked()):
            product, where = move.product_id, move.picking_id.name or move.reference or move.name
            uom = product.uom_id.name
            quantity = move._to_product_uom(move.quantity)
            lines = move.move_line_ids
            if not lines:
                raise UserError(
                    _(
                        "%(product)s in %(picking)s: set the lot/serial numbers of the %(quantity)s "
                        "%(uom)s to move (Detailed Operations).",
                        product=product.display_name,
                        picking=where,
                        quantity=f"{quantity:g}",
                        uom=uom,
                    )
                )
            for index, line in enumerate(lines, 1):
                name = line.lot_id.name or (line.lot_name or "").strip()
                if not name:
                    raise UserError(
                        _(
                            "%(product)s, line %(line)s of %(picking)s: set a lot/serial number.",
                            product=product.display_name,
                            line=index,
                            picking=where,
                        )
                    )
                if product.tracking != "serial":
                    continue
                if round_qty(line.quantity) != 1:
                    raise UserError(
                        _(
                            "%(product)s is tracked by serial number: line %(line)s of %(picking)s "
                            "(%(serial)s) moves %(quantity)s units; give each unit its own serial "
                            "number, quantity 1.",
                            product=product.display_name,
                            line=index,
                            picking=where,
                            serial=name,
                            quantity=f"{line.quantity:g}",
                        )
                    )
                if (product.id, name) in serials:
                    raise UserError(
                        _(
                            "The serial number %(serial)s of %(product)s is given twice (%(picking)s).",
                            serial=name,
                            product=product.display_name,
                            picking=where,
                        )
                    )
                serials[(product.id, name)] = where
            total = round_qty(sum(lines.mapped("quantity")))
            if total != quantity:
                raise UserError(
                    _(
                        "%(product)s in %(picking)s: the lot/serial numbers cover %(lots)s %(uom)s but "
                        "%(quantity)s %(uom)s are to be moved. Set the lots of every unit, or change "
                        "the quantity.",
                        product=product.display_name,
                        picking=where,
                        lots=f"{total:g}",
                        quantity=f"{quantity:g}",
                        uom=uom,
                    )
                )
        self._check_serials_not_in_stock()

    def _check_serials_not_in_stock(self) -> None:
        """A serial number received from outside must not be in stock already."""
        incoming = self.filtered(
            lambda m: m.product_id.tracking == "serial"
            and m.location_id.usage not in QUANT_LOCATIONS
            and m.location_dest_id.usage in QUANT_LOCATIONS
        )
        lines = incoming.mapped("move_line_ids")
        wanted = {(ln.product_id.id, ln.lot_id.name or (ln.lot_name or "").strip()) for ln in lines}
        if not wanted:
            return
        held = self.env["stock.quant"].sudo().search(
            [
                ("product_id", "in", sorted({product for product, _name in wanted})),
                ("lot_id.name", "in", sorted({name for _product, name in wanted})),
                ("location_id.usage", "in", list(QUANT_LOCATIONS)),
                ("quantity", ">", 0),
            ]
        )
        for quant in held:
            same_company = not quant.company_id or quant.company_id in incoming.mapped("company_id")
            if (quant.product_id.id, quant.lot_id.name) in wanted and same_company:
                raise UserError(
                    _(
                        "The serial number %(serial)s of %(product)s is already in stock (%(location)s): "
                        "a serial number is given to one unit only.",
                        serial=quant.lot_id.name,
                        product=quant.product_id.display_name,
                        location=quant.location_id.complete_name,
                    )
                )
