# What one tenant owns across the platform, derived from its slug exactly as the application derives
# it (TenantPlacement in Sources/Tenancy), so infrastructure and provisioning agree on every name.
locals {
  # Slugs hold no underscores, so replacing hyphens keeps two slugs from giving the same name.
  identifier_part = replace(var.slug, "-", "_")
}
