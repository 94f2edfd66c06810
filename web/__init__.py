"""The web layer: Flask app factory and blueprints (client, studio, back office, RPC, REST)."""
