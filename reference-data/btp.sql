-- Reference data for building construction (BTP: bâtiment et travaux publics, building side).
INSERT INTO units (code, label_fr, label_en) VALUES
    ('u', 'unité', 'unit'),
    ('m', 'mètre linéaire', 'linear metre'),
    ('m2', 'mètre carré', 'square metre'),
    ('m3', 'mètre cube', 'cubic metre'),
    ('kg', 'kilogramme', 'kilogram'),
    ('t', 'tonne', 'tonne'),
    ('sac', 'sac', 'bag'),
    ('pal', 'palette', 'pallet'),
    ('h', 'heure', 'hour');

INSERT INTO work_types (code, label_fr, label_en) VALUES
    ('gros_oeuvre', 'Gros œuvre', 'Structural work'),
    ('maconnerie', 'Maçonnerie', 'Masonry'),
    ('charpente', 'Charpente', 'Roof framing'),
    ('couverture', 'Couverture', 'Roofing'),
    ('plomberie', 'Plomberie', 'Plumbing'),
    ('platrerie', 'Plâtrerie et cloisons', 'Plastering and partitions'),
    ('menuiserie', 'Menuiserie', 'Joinery'),
    ('peinture', 'Peinture et finitions', 'Painting and finishing'),
    ('isolation', 'Isolation thermique', 'Thermal insulation');

INSERT INTO skills (code, label_fr, label_en) VALUES
    ('macon', 'Maçon', 'Mason'),
    ('coffreur_bancheur', 'Coffreur-bancheur', 'Formwork carpenter'),
    ('charpentier', 'Charpentier', 'Carpenter'),
    ('couvreur', 'Couvreur', 'Roofer'),
    ('plombier', 'Plombier chauffagiste', 'Plumber and heating engineer'),
    ('plaquiste', 'Plaquiste', 'Drywall installer'),
    ('caces_r482', 'CACES R482 (engins de chantier)', 'CACES R482 (construction machinery)'),
    ('travail_hauteur', 'Travail en hauteur', 'Working at height');

INSERT INTO checklist_templates (code, label_fr, label_en, work_type) VALUES
    ('ouverture_chantier', 'Ouverture de chantier', 'Site opening', 'gros_oeuvre'),
    ('coulage_beton', 'Contrôle avant coulage béton', 'Pre-pour concrete check', 'gros_oeuvre'),
    ('reception_travaux', 'Réception des travaux', 'Handover inspection', 'peinture');

INSERT INTO checklist_template_items (template, position, label_fr, label_en, requires_photo) VALUES
    ('ouverture_chantier', 1, 'Panneau de chantier et permis affichés', 'Site board and permit displayed', true),
    ('ouverture_chantier', 2, 'Clôture et accès sécurisés', 'Fencing and access secured', true),
    ('ouverture_chantier', 3, 'Base vie installée (vestiaires, sanitaires)', 'Site welfare facilities installed', false),
    ('ouverture_chantier', 4, 'PPSPS remis aux équipes', 'Health and safety plan handed to crews', false),
    ('coulage_beton', 1, 'Ferraillage conforme aux plans', 'Reinforcement matches drawings', true),
    ('coulage_beton', 2, 'Coffrages étanches et étayés', 'Formwork sealed and propped', true),
    ('coulage_beton', 3, 'Bon de livraison béton vérifié (classe, slump)', 'Concrete delivery note checked (class, slump)', true),
    ('coulage_beton', 4, 'Éprouvettes prélevées', 'Test cubes taken', false),
    ('reception_travaux', 1, 'Levée des réserves vérifiée', 'Snag list cleared', true),
    ('reception_travaux', 2, 'Nettoyage du chantier effectué', 'Site cleaned', true),
    ('reception_travaux', 3, 'Procès-verbal de réception signé', 'Handover certificate signed', false);

INSERT INTO materials (reference, label_fr, label_en, category, unit) VALUES
    ('CIM-CEM2-35', 'Ciment CEM II 32,5 R, sac de 35 kg', 'CEM II 32.5 R cement, 35 kg bag', 'liants', 'sac'),
    ('BET-C25-30', 'Béton prêt à l''emploi C25/30', 'Ready-mix concrete C25/30', 'béton', 'm3'),
    ('PAR-B20', 'Parpaing creux 20x20x50', 'Hollow concrete block 20x20x50', 'maçonnerie', 'u'),
    ('BRQ-MONO-20', 'Brique monomur 20 cm', 'Single-wall clay brick 20 cm', 'maçonnerie', 'u'),
    ('ACI-HA12', 'Acier HA Ø12, barre de 6 m', 'Rebar HA Ø12, 6 m bar', 'ferraillage', 'u'),
    ('TS-ST25C', 'Treillis soudé ST25C', 'Welded mesh ST25C', 'ferraillage', 'u'),
    ('SAB-0-4', 'Sable 0/4', 'Sand 0/4', 'granulats', 't'),
    ('GRA-4-20', 'Gravier 4/20', 'Gravel 4/20', 'granulats', 't'),
    ('BA13-STD', 'Plaque de plâtre BA13 standard', 'Standard 12.5 mm plasterboard', 'plâtrerie', 'm2'),
    ('LDV-100', 'Laine de verre 100 mm', 'Glass wool 100 mm', 'isolation', 'm2'),
    ('TUI-TC-10', 'Tuile terre cuite grand moule', 'Large clay roof tile', 'couverture', 'u'),
    ('PER-16', 'Tube multicouche 16 mm', 'Multilayer pipe 16 mm', 'plomberie', 'm');
