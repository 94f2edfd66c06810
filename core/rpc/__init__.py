"""The service layer every external API uses: authentication, method dispatch, Odoo's value
conventions and the mapping of errors onto Odoo's fault shapes.

Transports (XML-RPC, JSON-RPC, JSON-2, REST) live in ``web``; they parse a request, call
``core.rpc.dispatch`` and serialise what it returns, so every interface follows the same rules.
"""
