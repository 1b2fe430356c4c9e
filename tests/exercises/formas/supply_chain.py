"""Formas de resposta, erradas e certas, das questões de "Cadeia de suprimentos segura"."""

import re

from tests.exercises.formas._comum import letras


def _sem_licenca():
    from mlops_lab.supply_chain import SBOM_BINDER, read_sbom

    tabela = read_sbom(SBOM_BINDER)
    return int((tabela["licenca"] == "(não declarada)").sum()), len(tabela)


def _verificacao(mudar):
    """Assina um modelo de brinquedo, muda um arquivo (ou nada) e devolve a verificação."""
    import tempfile
    from pathlib import Path

    from mlops_lab.supply_chain import generate_key, public_key_pem, sign_files, verify_files

    pasta = Path(tempfile.mkdtemp())
    (pasta / "model.skops").write_bytes(b"pesos")
    (pasta / "metadata.json").write_text('{"versao": 1}')
    chave = generate_key(5)
    sign_files(pasta, ["model.skops", "metadata.json"], chave)
    if mudar:
        (pasta / mudar).write_text("adulterado")
    return verify_files(pasta, public_key_pem(chave))


FORMAS = {
    "q1": {
        "erradas": [lambda: _sem_licenca()[1], lambda: _sem_licenca()[1] - _sem_licenca()[0],
                    lambda: 0, lambda: "nenhum"],
        "certas": [lambda: _sem_licenca()[0], lambda: str(_sem_licenca()[0]),
                   lambda: float(_sem_licenca()[0])],
    },
    "q2": {
        "erradas": [lambda: (lambda linha: "AKIA" in linha),
                    lambda: (lambda linha: bool(re.search(r"AKIA[A-Z0-9]{16}", linha))),
                    lambda: (lambda linha: bool(re.search(r"AKIA[A-Za-z0-9]{16}(?![A-Za-z0-9])",
                                                          linha, re.IGNORECASE))),
                    lambda: (lambda linha: len(linha) > 20)],
        "certas": [lambda: (lambda linha: bool(re.search(r"AKIA[A-Z0-9]{16}(?![A-Z0-9])", linha))),
                   lambda: (lambda linha: any(
                       re.fullmatch(r"AKIA[A-Z0-9]{16}", p)
                       for p in re.findall(r"[A-Z0-9]+", linha)))],
    },
    "q3": letras("c", ["a", "b", "d"]),
    "q4": letras("a", ["b", "c", "d"]),
    "q5": {
        "erradas": [lambda: _verificacao(None), lambda: _verificacao("model.skops"),
                    lambda: "metadata.json mudou", lambda: [1, 2]],
        "certas": [lambda: _verificacao("metadata.json"),
                   lambda: _verificacao("metadata.json") + []],
    },
}
