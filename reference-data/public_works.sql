-- Reference data for public works (travaux publics: roads, networks, earthworks).
INSERT INTO units (code, label_fr, label_en) VALUES
    ('u', 'unité', 'unit'),
    ('m', 'mètre linéaire', 'linear metre'),
    ('m2', 'mètre carré', 'square metre'),
    ('m3', 'mètre cube', 'cubic metre'),
    ('t', 'tonne', 'tonne'),
    ('j', 'jour', 'day'),
    ('h', 'heure', 'hour');

INSERT INTO work_types (code, label_fr, label_en) VALUES
    ('terrassement', 'Terrassement', 'Earthworks'),
    ('voirie', 'Voirie et chaussées', 'Roads and pavements'),
    ('assainissement', 'Assainissement', 'Sewerage and drainage'),
    ('adduction_eau', 'Adduction d''eau potable', 'Drinking water mains'),
    ('reseaux_secs', 'Réseaux secs (tranchées, fourreaux)', 'Dry utilities (trenches, ducts)'),
    ('signalisation', 'Signalisation routière', 'Road markings and signs'),
    ('ouvrages_art', 'Ouvrages d''art', 'Civil engineering structures');

INSERT INTO skills (code, label_fr, label_en) VALUES
    ('caces_r482_a', 'CACES R482 catégorie A (mini-pelle)', 'CACES R482 category A (mini excavator)'),
    ('caces_r482_c1', 'CACES R482 catégorie C1 (chargeuse)', 'CACES R482 category C1 (loader)'),
    ('aipr_operateur', 'AIPR opérateur (réseaux enterrés)', 'AIPR operator (buried networks)'),
    ('aipr_encadrant', 'AIPR encadrant', 'AIPR supervisor'),
    ('canalisateur', 'Canalisateur', 'Pipe layer'),
    ('regleur_finisseur', 'Régleur de finisseur', 'Paver screed operator'),
    ('signalisation_temp', 'Signalisation temporaire de chantier', 'Temporary traffic management');

INSERT INTO checklist_templates (code, label_fr, label_en, work_type) VALUES
    ('dt_dict', 'Avant travaux à proximité des réseaux (DT-DICT)', 'Before digging near utilities (DT-DICT)', 'terrassement'),
    ('fouille_blindage', 'Ouverture de fouille et blindage', 'Trench opening and shoring', 'assainissement'),
    ('mise_en_oeuvre_enrobe', 'Mise en œuvre d''enrobé', 'Asphalt laying', 'voirie');

INSERT INTO checklist_template_items (template, position, label_fr, label_en, requires_photo) VALUES
    ('dt_dict', 1, 'Récépissés DICT présents sur le chantier', 'Utility replies (DICT) on site', false),
    ('dt_dict', 2, 'Marquage-piquetage des réseaux réalisé', 'Utility locations marked on the ground', true),
    ('dt_dict', 3, 'Détection complémentaire effectuée', 'Extra detection done', false),
    ('fouille_blindage', 1, 'Balisage et signalisation de la fouille', 'Trench fenced and signed', true),
    ('fouille_blindage', 2, 'Blindage posé au-delà de 1,30 m', 'Shoring fitted beyond 1.30 m depth', true),
    ('fouille_blindage', 3, 'Déblais stockés à distance du bord', 'Spoil kept back from the edge', false),
    ('mise_en_oeuvre_enrobe', 1, 'Couche d''accrochage répandue', 'Tack coat sprayed', true),
    ('mise_en_oeuvre_enrobe', 2, 'Température de l''enrobé relevée à la livraison', 'Asphalt temperature taken on delivery', true),
    ('mise_en_oeuvre_enrobe', 3, 'Compactage terminé (nombre de passes)', 'Compaction done (number of passes)', false);

INSERT INTO materials (reference, label_fr, label_en, category, unit) VALUES
    ('GNT-0-31.5', 'Grave non traitée 0/31,5', 'Unbound graded aggregate 0/31.5', 'granulats', 't'),
    ('SAB-0-4', 'Sable 0/4', 'Sand 0/4', 'granulats', 't'),
    ('BBSG-0-10', 'Béton bitumineux semi-grenu 0/10', 'Semi-coarse asphalt concrete 0/10', 'enrobés', 't'),
    ('EMU-ACC', 'Émulsion de bitume pour couche d''accrochage', 'Bitumen emulsion tack coat', 'enrobés', 't'),
    ('BOR-T2', 'Bordure béton T2', 'Concrete kerb T2', 'voirie', 'm'),
    ('TUB-PVC-CR8-200', 'Tube PVC assainissement CR8 Ø200', 'PVC sewer pipe CR8 Ø200', 'assainissement', 'm'),
    ('REG-VISITE-1000', 'Regard de visite béton Ø1000', 'Concrete manhole Ø1000', 'assainissement', 'u'),
    ('TUB-PEHD-110', 'Tube PEHD eau potable Ø110 PN16', 'HDPE water pipe Ø110 PN16', 'adduction', 'm'),
    ('FOU-TPC-90', 'Fourreau TPC rouge Ø90', 'Red corrugated duct Ø90', 'réseaux secs', 'm'),
    ('GRI-AVERT', 'Grillage avertisseur', 'Warning mesh tape', 'réseaux secs', 'm'),
    ('GEO-TEXT', 'Géotextile non tissé', 'Non-woven geotextile', 'terrassement', 'm2'),
    ('TAM-FONTE-D400', 'Tampon fonte D400', 'Cast-iron cover D400', 'assainissement', 'u');
