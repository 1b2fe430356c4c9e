"""Correção em lote dos notebooks entregues por uma turma.

Para cada notebook entregue:

1. uma cópia vai para uma pasta temporária só dela;
2. um processo separado executa a cópia num kernel novo (nbclient), com
   limite de tempo para o notebook inteiro; células com erro não param a
   execução, e um notebook que trava, imprime demais ou mata o kernel só
   perde os pontos do que não chegou a responder;
3. uma célula acrescentada ao fim (ou logo antes da primeira célula com a
   etiqueta ``cleanup``, a que apaga a pasta temporária do notebook) grava
   as respostas em JSON, com quantas dicas e se a solução foi vista; os
   arquivos e pastas das questões de artefato são copiados nessa hora para a
   pasta da correção, e é a cópia que se confere;
4. este processo lê o JSON e corrige com as questões **do pacote instalado**
   (nunca com código do notebook) e com os testes ocultos do professor.

O resultado é uma linha por entrega: arquivo, capítulo, nota de cada
questão, total e erro (se houve) e, quando o notebook guarda esse estado,
``dicas_qN`` (quantas dicas foram vistas) e ``solucao_qN`` (se a solução foi
mostrada), lidos do kernel e das saídas gravadas no notebook entregue.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs
from mlops_lab.errors import MlopsLabError

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

__all__ = ["chapter_of", "grade_notebook", "grade_submissions"]

_ARQUIVO_RESPOSTAS = "_respostas_mlops_lab.json"
_ARQUIVO_STATUS = "_status_mlops_lab.json"
_DICA = re.compile(r"Dica (\d+) de \d+ \((q\w+)\)")
_SOLUCAO = re.compile(r"Solução de (q\w+):")
_AJUDA = ("dicas_", "solucao_")


def _saved_help(nb) -> dict:
    """Dicas e soluções que aparecem nas saídas gravadas no notebook entregue."""
    ajuda: dict[str, list] = {}
    for celula in nb.cells:
        for saida in celula.get("outputs", []) if celula.cell_type == "code" else []:
            texto = saida.get("text", "")
            texto = "".join(texto) if isinstance(texto, list) else str(texto)
            for n, nome in _DICA.findall(texto):
                ajuda.setdefault(nome, [0, False])[0] = max(ajuda[nome][0], int(n))
            for nome in _SOLUCAO.findall(texto):
                ajuda.setdefault(nome, [0, False])[1] = True
    return ajuda


def _export_position(nb) -> int:
    """Onde entra a célula que exporta as respostas: antes da limpeza final, se houver."""
    for i, celula in enumerate(nb.cells):
        if celula.cell_type == "code" and "cleanup" in celula.get("metadata", {}).get("tags", []):
            return i
    return len(nb.cells)


def chapter_of(nb: dict, path: Path) -> str | None:
    """Capítulo do notebook: metadados ``mlops_lab.chapter`` ou o nome do arquivo."""
    from mlops_lab.exercises import CHAPTERS, chapter_name

    capitulo = chapter_name(str(nb.get("metadata", {}).get("mlops_lab", {}).get("chapter")))
    if capitulo is not None:
        return capitulo
    # Sem metadados (notebook salvo por outra ferramenta): o nome do arquivo decide.
    for nome, arquivo in CHAPTERS.items():
        if path.stem.startswith(Path(arquivo).stem):
            return nome
    return None


def _load_hidden(hidden_dir: Path | None, chapter: str):
    if hidden_dir is None:
        return None
    from mlops_lab.exercises import LEGACY_NAMES

    # O arquivo do professor pode ter o nome do capítulo ou o antigo (cap05.py).
    nomes = [chapter] + [antigo for antigo, novo in LEGACY_NAMES.items() if novo == chapter]
    arquivo = next((hidden_dir / f"{n}.py" for n in nomes if (hidden_dir / f"{n}.py").is_file()),
                   None)
    if arquivo is None:
        return None
    spec = importlib.util.spec_from_file_location(f"_ocultos_{chapter}", arquivo)
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)  # código do professor: confiável
    return modulo


def _run_notebook(notebook: Path, pasta: Path, timeout: float) -> str:
    """Executa o notebook num processo próprio; devolve a descrição do erro ou ''."""
    comando = [sys.executable, "-m", "mlops_lab.exercises._runner", str(notebook),
               str(pasta / _ARQUIVO_STATUS), str(int(timeout))]
    # As pastas temporárias que o notebook criar ficam dentro da pasta da correção,
    # que é apagada no fim, mesmo se o notebook não arrumar a casa.
    ambiente = {**os.environ, "TMPDIR": str(pasta)}
    processo = subprocess.Popen(comando, cwd=pasta, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True, env=ambiente)
    try:
        processo.wait(timeout=timeout + 10)  # folga para o kernel iniciar
    except subprocess.TimeoutExpired:
        pass
    finally:
        # Mata o grupo inteiro: o executor e o kernel que ele abriu.
        try:
            os.killpg(processo.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        processo.wait()
    status_arquivo = pasta / _ARQUIVO_STATUS
    if not status_arquivo.is_file():
        return f"tempo esgotado ({timeout:g} s) ou execução interrompida"
    try:
        return json.loads(status_arquivo.read_text(encoding="utf-8")).get("erro", "")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "execução interrompida"


def grade_notebook(path: str | Path, timeout: float = 120,
                   hidden_dir: str | Path | None = None) -> dict:
    """Corrige um notebook entregue e devolve a linha da tabela de notas."""
    import nbformat

    from mlops_lab.exercises.transport import AJUDA, export_code, load_answers

    path = Path(path)
    linha = {"arquivo": path.name, "capitulo": "", "total": 0.0, "maximo": 0, "erro": ""}
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as erro:
        linha["erro"] = f"não é um notebook válido ({type(erro).__name__})"
        return linha
    capitulo = chapter_of(nb, path)
    if capitulo is None:
        linha["erro"] = "capítulo não identificado (metadados mlops_lab.chapter ausentes)"
        return linha
    modulo = importlib.import_module(f"mlops_lab.exercises.{capitulo}")
    ocultos = _load_hidden(Path(hidden_dir) if hidden_dir else None, capitulo)
    linha["capitulo"] = capitulo
    linha["maximo"] = len(modulo.QUESTIONS)
    with tempfile.TemporaryDirectory(prefix="correcao-") as temporaria:
        pasta = Path(temporaria)
        destino = pasta / _ARQUIVO_RESPOSTAS
        ajuda_gravada = _saved_help(nb)
        nb.cells.insert(_export_position(nb),
                        nbformat.v4.new_code_cell(export_code(capitulo, str(destino))))
        copia = pasta / "entrega.ipynb"
        nbformat.write(nb, copia)
        linha["erro"] = _run_notebook(copia, pasta, timeout)
        try:
            respostas = load_answers(destino) if destino.is_file() else {}
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            respostas = {}
        falhas_ocultas: list[str] = []
        for q in modulo.QUESTIONS:
            nota = q.grade(respostas.get(q.name, ...), base_dir=pasta).score
            if ocultos is not None and hasattr(ocultos, q.name) and nota > 0:
                try:
                    nota = min(nota, float(getattr(ocultos, q.name)(respostas.get(q.name, ...))))
                except Exception as erro:
                    nota = 0.0
                    falhas_ocultas.append(_hidden_failure(q.name, erro))
            linha[q.name] = round(nota, 4)
            linha["total"] += nota
        ajuda = respostas.get(AJUDA) if isinstance(respostas.get(AJUDA), dict) else {}
        if ajuda or ajuda_gravada:
            for q in modulo.QUESTIONS:
                no_kernel = ajuda.get(q.name, [0, False])
                gravada = ajuda_gravada.get(q.name, [0, False])
                try:
                    dicas = max(int(no_kernel[0]), gravada[0])
                    solucao = bool(no_kernel[1]) or gravada[1]
                except (TypeError, ValueError, IndexError):
                    dicas, solucao = gravada
                linha[f"dicas_{q.name}"] = min(max(dicas, 0), len(q.hints))
                linha[f"solucao_{q.name}"] = solucao
        linha["erro"] = "; ".join(filter(None, [linha["erro"], *falhas_ocultas]))
    linha["total"] = round(linha["total"], 4)
    return linha


def _hidden_failure(questao: str, erro: Exception) -> str:
    """Descrição, para a coluna de erro, de um teste oculto que levantou uma exceção.

    Examples
    --------
    >>> _hidden_failure("q3", ValueError("esperava um número"))
    'o teste oculto de q3 levantou ValueError (esperava um número): a questão ficou com nota 0'
    """
    detalhe = f" ({str(erro)[:120]})" if str(erro) else ""
    return (f"o teste oculto de {questao} levantou {type(erro).__name__}{detalhe}: a questão "
            "ficou com nota 0")


def _grade_all(paths: list[Path], timeout: float, hidden_dir: str | Path | None,
               progress: bool, jobs: int) -> list[dict]:
    """As linhas das entregas, na ordem de ``paths``, com até ``jobs`` correções ao mesmo tempo.

    Cada correção espera quase sempre pelo processo do notebook: linhas de execução
    (*threads*) bastam, e cada uma tem a sua pasta temporária e o seu kernel.
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from tqdm import tqdm

    barra = tqdm(total=len(paths), desc="Corrigindo", unit="notebook", disable=not progress,
                 ncols=80)
    with barra, ThreadPoolExecutor(max_workers=max(1, min(jobs, len(paths)))) as executor:
        futuros = {executor.submit(grade_notebook, p, timeout, hidden_dir): i
                   for i, p in enumerate(paths)}
        linhas: list[dict] = [{}] * len(paths)
        for futuro in as_completed(futuros):
            linhas[futuros[futuro]] = futuro.result()
            barra.update(1)
    return linhas


def grade_submissions(paths: Iterable[str | Path], out: str | Path | None = None,
                      timeout: float = 120, hidden_dir: str | Path | None = None,
                      progress: bool = True, jobs: int = 1) -> pd.DataFrame:
    """Corrige várias entregas e devolve (e grava, se ``out``) a tabela de notas.

    ``jobs`` notebooks são corrigidos ao mesmo tempo (até o número de núcleos rende;
    acima disso, cada um demora mais e pode estourar o ``timeout``, que conta o relógio).
    A tabela sai na ordem das entregas, qualquer que seja ``jobs``.

    Examples
    --------
    >>> tabela = grade_submissions([], progress=False)
    >>> list(tabela.columns)
    ['arquivo', 'capitulo', 'total', 'maximo', 'erro']
    """
    import pandas as pd

    from mlops_lab.errors import require

    for modulo in ("nbformat", "nbclient"):
        require(modulo, "grade", "A correção de notebooks (mlops-lab grade)")
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.is_file():
            raise MlopsLabError(f"a entrega '{p}' não existe ou não é um arquivo. "
                                "Informe arquivos .ipynb.")
    if hidden_dir is not None and not Path(hidden_dir).is_dir():
        raise MlopsLabError(f"a pasta de testes ocultos '{hidden_dir}' não existe.")
    if timeout <= 0:
        raise MlopsLabError("--timeout deve ser um número de segundos maior que zero.")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise MlopsLabError(f"--jobs {jobs}: é preciso corrigir pelo menos 1 notebook por vez. "
                            "Use --jobs 1 (padrão) ou um número até o de núcleos da máquina.")
    if out is not None:  # antes de corrigir: um --out errado não desperdiça a correção
        out = _fs.check_out_file(out, "--out")
    linhas = _grade_all(paths, timeout, hidden_dir, progress, jobs)
    colunas = ["arquivo", "capitulo", "total", "maximo", "erro"]
    extras = {k for linha in linhas for k in linha if k not in colunas}
    questoes = sorted((k for k in extras if not k.startswith(_AJUDA)), key=lambda k: (len(k), k))
    # Colunas opcionais: dicas vistas e solução mostrada, quando o notebook guarda esse estado.
    ajuda = [f"{prefixo}{q}" for prefixo in _AJUDA for q in questoes
             if f"{prefixo}{q}" in extras]
    tabela = pd.DataFrame(linhas, columns=colunas[:2] + questoes + colunas[2:] + ajuda)
    if out is not None:
        from mlops_lab._fs import atomic_path

        with atomic_path(out) as temporario:
            tabela.to_csv(temporario, index=False)
    return tabela
